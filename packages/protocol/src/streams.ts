// Stream health and playback on the wire.
import { z } from "zod";
import { zCodec } from "./catalogue";

/**
 * `error`: frames arrive but the stream's output does not advance (a timeline that keeps breaking, no part
 * published): not playable although the camera sends; a video-loss alarm like `stalled`.
 */
export const streamStates = ["idle", "starting", "live", "stalled", "offline", "error"] as const;
export const zStreamState = z.enum(streamStates);
export type StreamState = z.infer<typeof zStreamState>;

export const zVariant = z.enum(["main", "sub"]);
export type Variant = z.infer<typeof zVariant>;

/**
 * What a player plays of a camera: its own main or sub stream (H.264 or H.265 passed through), or an
 * H.264 transcode made on demand for browsers without an HEVC decoder (main-h264: 960×540 25 fps or the
 * source size; sub-h264: 480×270 12.5 fps). The path segment of the HLS URLs.
 */
export const zRendition = z.enum(["main", "sub", "main-h264", "sub-h264"]);
export type Rendition = z.infer<typeof zRendition>;

/** The size class (main/sub) of a rendition. */
export const variantOf = (r: Rendition): Variant => (r === "sub" || r === "sub-h264" ? "sub" : "main");

export const zStreamHealth = z.object({
  cameraId: z.string(),
  variant: zVariant,
  state: zStreamState,
  codec: zCodec,
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  fps: z.number().nonnegative(),
  bitrateKbps: z.number().nonnegative(),
  viewers: z.number().int().nonnegative(),
  /** Unix ms of the last frame received, or null before the first one. */
  lastFrameAt: z.number().nullable(),
  startedAt: z.number().nullable(),
  /** Count of discontinuities (source restarts) since the stream was started. */
  discontinuities: z.number().int().nonnegative(),
  error: z.string().nullable(),
  /**
   * The camera's audio as the source reported it: AAC passes through; anything else (cameras' G.711
   * A-law/µ-law) is dropped — browsers' fMP4 playback has no G.711 — and said so here, never an error.
   * Absent until the source knows (and for sources that cannot tell).
   */
  audio: z.object({ codec: z.string(), handling: z.enum(["passthrough", "dropped"]) }).optional(),
  /** Set for an H.264 transcode of the camera (`variant` is then its size class): "main-h264" | "sub-h264". */
  rendition: zRendition.optional(),
  /** RFC 6381 string of the video, e.g. "hvc1.1.6.L120.90" (from the stream's own configuration). */
  codecs: z.string().optional(),
  /** The ffmpeg making this stream (an RTSP relay or an H.264 transcoder), while one runs: for `ps`/`top`. */
  pid: z.number().int().positive().optional(),
});

/**
 * What one wall PC can decode (POST /api/v1/capabilities): per exact codec string, MediaSource's
 * isTypeSupported and mediaCapabilities.decodingInfo's answer; the wall plays H.265 passthrough where
 * supported, the H.264 transcode elsewhere.
 */
export const zCapabilityReport = z
  .object({
    codecs: z
      .record(
        z
          .string()
          .regex(/^[a-z0-9]{4}(\.[A-Za-z0-9]+)*$/, "an RFC 6381 codec string")
          .max(64),
        z.object({ supported: z.boolean(), smooth: z.boolean().optional(), powerEfficient: z.boolean().optional() }),
      )
      .refine((r) => Object.keys(r).length <= 32, "at most 32 codec strings"),
  })
  .strict();
export type CapabilityReport = z.infer<typeof zCapabilityReport>;
/**
 * The transcode budget (GET /api/v1/streams/transcodes): transcodes running of TRANSCODE_MAX (0 =
 * transcoding off), and which cameras hold them — named, for the console's at-a-glance badge. `running`
 * counts the whole gateway (the budget is shared); `streams` lists only the cameras the caller may see.
 */
export const zTranscodeBudget = z.object({
  running: z.number().int().nonnegative(),
  max: z.number().int().nonnegative(),
  streams: z.array(
    z.object({
      cameraId: z.string(),
      /** The camera's name (its id when the camera was removed while transcoding). */
      name: z.string(),
      /** The prison's name. */
      prison: z.string().nullable(),
      rendition: z.enum(["main-h264", "sub-h264"]),
      viewers: z.number().int().nonnegative(),
    }),
  ),
});
export type TranscodeBudget = z.infer<typeof zTranscodeBudget>;
export type StreamHealth = z.infer<typeof zStreamHealth>;

export const zPlayResponse = z.object({
  hls: z.string(),
  /** The camera's multivariant playlist (every rendition with CODECS and RESOLUTION), for any HLS player. */
  multivariant: z.string().optional(),
  /** What `hls` plays: the camera's own stream ("main"/"sub", passthrough) or an H.264 transcode. */
  rendition: zRendition.optional(),
  path: z.enum(["passthrough", "transcode"]).optional(),
  /**
   * RFC 6381 string of the camera's own video (e.g. "hvc1.1.6.L120.90"), exact once its stream has run,
   * else typical for the flagged codec: what the wall probes MediaSource with.
   */
  codecs: z.string().optional(),
  variant: zVariant,
  codec: zCodec,
  expiresAt: z.number(),
});
export type PlayResponse = z.infer<typeof zPlayResponse>;
