// GB/T 28181's facts in the event log (the audit trail): devices coming online and going offline,
// commanders' settings (never the password itself: only that it changed), registration guessing that was
// blocked, and every PTZ command with who gave it. Camera creation and moves are catalogue events.
// Declarations only.
import { zId } from "@cw/protocol";
import { z } from "zod";

const zGb = z.string().regex(/^\d{1,32}$/);
const zPlace = z.object({ blockId: zId.nullable(), subBlockId: zId.nullable() }).strict();

export const gbEventTypes = {
  online: "gb.device.online",
  offline: "gb.device.offline",
  updated: "gb.device.updated",
  blocked: "gb.auth.blocked",
  ptz: "gb.ptz",
} as const;

/** The GB feature's part of the gateway's event map (events/map.ts). */
export const gbEvents = {
  [gbEventTypes.online]: z.object({ deviceId: zGb }).strict(),
  [gbEventTypes.offline]: z.object({ deviceId: zGb, reason: z.string().max(200) }).strict(),
  [gbEventTypes.updated]: z
    .object({
      deviceId: zGb,
      passwordChanged: z.boolean(),
      prisonId: zId.nullable().optional(),
      mapping: z.record(zGb, zPlace).optional(),
    })
    .strict(),
  [gbEventTypes.blocked]: z.object({ deviceId: z.string().max(64), address: z.string().max(64) }).strict(),
  [gbEventTypes.ptz]: z
    .object({
      cameraId: zId,
      deviceId: zGb,
      channelId: zGb,
      action: z.enum(["left", "right", "up", "down", "zoomIn", "zoomOut", "stop", "preset"]),
      speed: z.number().int().nullable(),
      preset: z.number().int().nullable(),
    })
    .strict(),
} as const;
