// What a simulated camera's clip looks like and how ffmpeg renders it. Pure: no I/O, so the cache
// key and the command line are unit-tested. Bump CLIP_VERSION whenever the picture or encoding
// changes so old cached clips are not reused.
import { createHash } from "node:crypto";
import type { Variant } from "@cw/protocol";
import type { CameraSpec } from "../../media/types";
import type { SimFont } from "./font";

export const CLIP_VERSION = 1;
export const CLIP_SECONDS = 4;

export interface SimFps {
  main: number;
  sub: number;
}

export const defaultSimFps: SimFps = { main: 25, sub: 12.5 };

interface VariantLook {
  width: number;
  height: number;
  kbps: number;
}

const LOOK: Record<Variant, VariantLook> = {
  main: { width: 960, height: 540, kbps: 600 },
  sub: { width: 480, height: 270, kbps: 150 },
};

export interface ClipSpec {
  cameraId: string;
  variant: Variant;
  /** The camera's flagged codec: H.265 cameras get an x265 clip in MPEG-TS (Debian 12's ffmpeg cannot
   *  write HEVC into FLV), played through the same TS demuxer as RTSP cameras. */
  codec: "h264" | "h265";
  fps: number;
  /** Stable across runs; changes when anything that shows in the clip changes. */
  key: string;
  /** File name inside clipDir. */
  fileName: string;
  /** Lines burned into the picture (top, bottom). Empty when no suitable font. */
  topText: string;
  bottomText: string;
  hue: number;
}

export function clipSpec(camera: CameraSpec, variant: Variant, fps: SimFps, font: SimFont | null): ClipSpec {
  const rate = fps[variant];
  const codec = camera.codec === "h265" ? "h265" : "h264";
  const topText = font?.cjk ? camera.label : "";
  const bottomText = font ? (font.cjk ? `${camera.name}  ${camera.id}` : camera.id) : "";
  const key = createHash("sha1")
    .update(
      JSON.stringify([
        CLIP_VERSION,
        camera.id,
        variant,
        rate,
        topText,
        bottomText,
        font?.file ?? "",
        ...(codec === "h265" ? [codec] : []),
      ]),
    )
    .digest("hex")
    .slice(0, 16);
  const safeId = camera.id.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64);
  return {
    cameraId: camera.id,
    variant,
    codec,
    fps: rate,
    key,
    fileName: `${safeId}-${variant}-${key}.${codec === "h265" ? "ts" : "flv"}`,
    topText,
    bottomText,
    hue: hueOf(camera.id),
  };
}

/** A per-camera hue (degrees) so neighbouring cameras look different even without text. */
export function hueOf(id: string): number {
  return createHash("sha1").update(id).digest().readUInt16BE(0) % 360;
}

/** ffmpeg filtergraph escaping for a value inside a filter option (two levels: option, then graph). */
export function escapeFilterValue(v: string): string {
  return v.replace(/[\\':]/g, "\\$&").replace(/[\\'[\],;]/g, "\\$&");
}

export interface TextFiles {
  top: string | null;
  bottom: string | null;
}

/**
 * The ffmpeg arguments rendering `spec` into `outFile`: FLV with H.264 Main, or MPEG-TS with H.265 Main
 * (x265, parameter sets repeated at each key frame); no B-frames, 1 s GOP, no audio.
 */
export function renderArgs(spec: ClipSpec, font: SimFont | null, text: TextFiles, outFile: string): string[] {
  const look = LOOK[spec.variant];
  const size = Math.round(look.height / 16);
  const filters = [`hue=h=${spec.hue}`];
  const draw = (file: string, y: string) =>
    `drawtext=fontfile=${escapeFilterValue(font!.file)}:textfile=${escapeFilterValue(file)}:expansion=none` +
    `:fontsize=${size}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=${Math.round(size / 3)}:x=${size}:y=${y}`;
  if (font && text.top) filters.push(draw(text.top, `${size}`));
  if (font && text.bottom) filters.push(draw(text.bottom, `h-${size * 2}`));
  return [
    ...["-hide_banner", "-loglevel", "error", "-nostdin", "-y"],
    ...["-f", "lavfi", "-i", `testsrc2=size=${look.width}x${look.height}:rate=${spec.fps}:duration=${CLIP_SECONDS}`],
    ...["-vf", filters.join(",")],
    ...(spec.codec === "h265"
      ? ["-c:v", "libx265", "-preset", "veryfast", "-profile:v", "main", "-pix_fmt", "yuv420p"]
      : ["-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-bf", "0", "-pix_fmt", "yuv420p"]),
    ...(spec.codec === "h265"
      ? ["-x265-params", `log-level=none:bframes=0:keyint=${Math.round(spec.fps)}:repeat-headers=1`]
      : ["-sc_threshold", "0"]),
    ...["-force_key_frames", "expr:gte(t,n_forced*1)"],
    ...["-b:v", `${look.kbps}k`, "-maxrate", `${Math.round(look.kbps * 1.2)}k`, "-bufsize", `${look.kbps}k`],
    ...["-an", "-f", spec.codec === "h265" ? "mpegts" : "flv", outFile],
  ];
}
