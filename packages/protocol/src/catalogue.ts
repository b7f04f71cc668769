// The province catalogue on the wire: bureau → prison → block → subBlock → camera.
import { z } from "zod";
import { zId } from "./ids";

export const nodeKinds = ["bureau", "prison", "block", "subBlock", "camera"] as const;
export type NodeKind = (typeof nodeKinds)[number];

/** What a camera looks at; drives random recall filters ("yards during the morning drill"). */
export const cameraKinds = [
  "cell",
  "canteen",
  "workshop",
  "yard",
  "perimeter",
  "gate",
  "visiting",
  "corridor",
  "other",
] as const;
export const zCameraKind = z.enum(cameraKinds);
export type CameraKind = z.infer<typeof zCameraKind>;

export const zCodec = z.enum(["h264", "h265", "unknown"]);
export type Codec = z.infer<typeof zCodec>;

const zRtspUrl = z
  .string()
  .max(1024)
  .regex(/^rtsps?:\/\/[^\s]+$/, "an RTSP url starts with rtsp:// or rtsps://");

/** A GB/T 28181 code: 20 digits (some devices use other lengths; letters never). */
const zGbCode = z.string().regex(/^\d{1,32}$/, "a GB/T 28181 id is up to 32 digits");

/**
 * Where a camera's picture comes from. `sim` is the demo province's simulated camera; `gb28181` a channel
 * of a registered GB/T 28181 device or platform, played on demand by INVITE.
 */
export const zCameraSource = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rtmp") }).strict(),
  z
    .object({
      kind: z.literal("rtsp"),
      url: zRtspUrl,
      subUrl: zRtspUrl.optional(),
      /** RTP over the RTSP connection (interleaved, default) or over UDP. */
      transport: z.enum(["tcp", "udp"]).optional(),
    })
    .strict(),
  z.object({ kind: z.literal("sim") }).strict(),
  z.object({ kind: z.literal("gb28181"), deviceId: zGbCode, channelId: zGbCode }).strict(),
]);
export type CameraSource = z.infer<typeof zCameraSource>;

export const zCamera = z.object({
  id: zId,
  name: z.string().min(1).max(80),
  kind: zCameraKind,
  prisonId: zId,
  blockId: zId.nullable(),
  subBlockId: zId.nullable(),
  source: zCameraSource,
  /** Codec flagged in the catalogue (H.265 is passed through untouched; browsers may not decode it). */
  codec: zCodec,
  /** True when the camera offers a sub stream (tiles) besides its main stream (full screen). */
  hasSubStream: z.boolean(),
  /** A camera that pans, tilts and zooms (a GB/T 28181 dome or remote-controlled bullet): the wall offers PTZ controls. */
  ptz: z.boolean().optional(),
  /**
   * Watched over even when nobody looks at it (a gate, a perimeter): its device going offline raises a
   * video-loss alarm for it. Other cameras raise one only while someone watches them.
   */
  important: z.boolean().optional(),
  /**
   * A GB/T 28181 channel whose catalogue organisations named no block (nor the prison itself): it waits
   * under its prison's 未分配 (unassigned) until a commander places it. False once placed, also when placed at
   * the prison's own level (a gate camera); absent on cameras that did not come from a GB catalogue.
   */
  unplaced: z.boolean().optional(),
});
export type Camera = z.infer<typeof zCamera>;

/** A GB camera waiting under 未分配 (cameras recorded before `unplaced` existed: any GB camera without a block). */
export const isUnplaced = (c: Camera): boolean =>
  c.source.kind === "gb28181" && c.blockId === null && c.unplaced !== false;

/** Commanders' view of a camera also carries its RTMP publish URL. */
export const zCameraDetail = zCamera.extend({ publishUrl: z.string().optional() });
export type CameraDetail = z.infer<typeof zCameraDetail>;

export const zCameraCreate = z
  .object({
    id: zId.optional(),
    name: z.string().trim().min(1).max(80),
    kind: zCameraKind.default("other"),
    prisonId: zId,
    blockId: zId.nullable().optional(),
    subBlockId: zId.nullable().optional(),
    source: zCameraSource,
    codec: zCodec.default("h264"),
  })
  .strict();
export type CameraCreate = z.infer<typeof zCameraCreate>;

export const zCameraPatch = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    kind: zCameraKind.optional(),
    blockId: zId.nullable().optional(),
    subBlockId: zId.nullable().optional(),
    source: zCameraSource.optional(),
    codec: zCodec.optional(),
    important: z.boolean().optional(),
  })
  .strict();
export type CameraPatch = z.infer<typeof zCameraPatch>;

export interface TreeNode {
  id: string;
  kind: NodeKind;
  name: string;
  children: TreeNode[];
  /** Cameras only: what it looks at. */
  cameraKind?: CameraKind;
}
export const zTreeNode: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    kind: z.enum(nodeKinds),
    name: z.string(),
    children: z.array(zTreeNode),
    cameraKind: zCameraKind.optional(),
  }),
) as z.ZodType<TreeNode>;
