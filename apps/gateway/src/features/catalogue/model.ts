// The province catalogue as a document: bureau → prisons → blocks (监区) → sub-blocks (分监区) → cameras,
// with prison-level (perimeter, gate) and block-level cameras allowed. This is the JSON file format
// documented in docs/api/catalogue.md; the zod schema here is its single definition. No I/O.
import { zCameraKind, zCameraSource, zCodec, zId } from "@cw/protocol";
import { z } from "zod";

const zName = z.string().trim().min(1, "a name must not be empty").max(80);

export const zCameraEntry = z
  .object({
    id: zId,
    name: zName,
    kind: zCameraKind,
    source: zCameraSource,
    codec: zCodec.default("h264"),
    /** Defaults: sim → true, rtsp → subUrl present, rtmp → false. */
    hasSubStream: z.boolean().optional(),
    /** RTMP only: the publish key; absent = derived from the data dir's secret (stable across restarts). */
    publishKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,128}$/, "8-128 letters, digits, '-' or '_'")
      .optional(),
  })
  .strict();
export type CameraEntry = z.infer<typeof zCameraEntry>;

export const zSubBlockEntry = z.object({ id: zId, name: zName, cameras: z.array(zCameraEntry).default([]) }).strict();
export type SubBlockEntry = z.infer<typeof zSubBlockEntry>;

export const zBlockEntry = z
  .object({
    id: zId,
    name: zName,
    subBlocks: z.array(zSubBlockEntry).default([]),
    cameras: z.array(zCameraEntry).default([]),
  })
  .strict();
export type BlockEntry = z.infer<typeof zBlockEntry>;

export const zPrisonEntry = z
  .object({
    id: zId,
    name: zName,
    /** WGS84 position for the province map; optional. */
    location: z
      .object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
      .strict()
      .optional(),
    blocks: z.array(zBlockEntry).default([]),
    cameras: z.array(zCameraEntry).default([]),
  })
  .strict();
export type PrisonEntry = z.infer<typeof zPrisonEntry>;

export const zProvince = z
  .object({
    bureau: z.object({ id: zId, name: zName }).strict(),
    prisons: z.array(zPrisonEntry).min(1, "list at least one prison"),
  })
  .strict();
export type Province = z.infer<typeof zProvince>;

export function defaultHasSubStream(source: CameraEntry["source"]): boolean {
  if (source.kind === "sim") return true;
  if (source.kind === "rtsp") return source.subUrl !== undefined;
  return false;
}
