// GB/T 28181 devices and PTZ on the wire (docs/api/gb28181.md): the device list and detail the devices page
// reads, the commander's update, and the PTZ command of a camera. Shapes only.
import { z } from "zod";
import { zId } from "./ids";

/** A GB/T 28181 code: 20 digits by the standard; up to 32 digits accepted. */
export const zGbCode = z.string().regex(/^\d{1,32}$/, "a GB/T 28181 id is up to 32 digits");

export const zGbDevice = z.object({
  deviceId: zGbCode,
  name: z.string(),
  kind: z.enum(["device", "platform"]),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  transport: z.enum(["udp", "tcp"]).nullable(),
  /** ip:port the device's packets come from (behind NAT: its public side). */
  remoteAddress: z.string().nullable(),
  online: z.boolean(),
  lastKeepaliveAt: z.number().nullable(),
  channelCount: z.number().int().nonnegative(),
  prisonId: zId.nullable(),
});
export type GbDevice = z.infer<typeof zGbDevice>;

export const zGbDeviceList = z.object({ devices: z.array(zGbDevice) });

export const zGbPlace = z.object({ blockId: zId.nullable(), subBlockId: zId.nullable() }).strict();
export const zGbMapping = z.record(zGbCode, zGbPlace);

export const zGbChannel = z.object({
  channelId: zGbCode,
  name: z.string(),
  parentId: z.string().nullable(),
  /** Digits 11–13 of the id: 131/132 camera, 215 business group, 216 virtual organisation, … */
  type: z.string(),
  status: z.string().nullable(),
  ptz: z.boolean(),
  cameraId: zId.nullable(),
  blockId: zId.nullable(),
  subBlockId: zId.nullable(),
  /** The camera waits under its prison's 未分配 (see Camera.unplaced). */
  unplaced: z.boolean(),
});
export type GbChannel = z.infer<typeof zGbChannel>;

export const zGbDeviceDetail = zGbDevice.extend({
  firmware: z.string().nullable(),
  catalogAt: z.number().nullable(),
  hasOwnPassword: z.boolean(),
  mapping: zGbMapping,
  channels: z.array(zGbChannel),
});
export type GbDeviceDetail = z.infer<typeof zGbDeviceDetail>;

/** PUT /api/v1/gb/devices/{deviceId}: any subset. */
export const zGbDeviceUpdate = z
  .object({
    password: z.string().min(1).max(128).optional(),
    prisonId: zId.nullable().optional(),
    mapping: zGbMapping.optional(),
  })
  .strict();
export type GbDeviceUpdate = z.infer<typeof zGbDeviceUpdate>;

export const ptzActions = ["left", "right", "up", "down", "zoomIn", "zoomOut", "stop", "preset"] as const;

/** POST /api/v1/cameras/{id}/ptz. */
export const zPtzCommand = z
  .object({
    action: z.enum(ptzActions),
    speed: z.number().int().min(1).max(255).optional(),
    preset: z.number().int().min(1).max(255).optional(),
  })
  .strict()
  .refine((b) => b.action !== "preset" || b.preset !== undefined, {
    message: "a preset action needs preset",
    path: ["preset"],
  });
export type PtzCommand = z.infer<typeof zPtzCommand>;
