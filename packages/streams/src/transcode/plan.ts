// What an H.264 rendition of a camera is: the tile sizes the wall needs (sub 480×270 at 12.5 fps for small
// tiles; main 960×540 at 25 fps, or the source size, for large ones), zero-latency x264 with a key frame
// every second, and the ffmpeg command line that makes it — software, or a hardware encoder (VAAPI, QSV,
// NVENC) when configured and present. Pure: the presence check is injected.
import type { Rendition } from "@cw/protocol";

export type HwAccel = "none" | "vaapi" | "qsv" | "nvenc";

export interface TranscodePlan {
  rendition: Extract<Rendition, "main-h264" | "sub-h264">;
  /** null: keep the source size (TRANSCODE_MAIN_SIZE=source). */
  width: number | null;
  height: number | null;
  fps: number;
  /** RFC 6381 string x264 produces for these settings (Main profile at the level below). */
  codecString: string;
  level: string;
}

export const TRANSCODE_PLANS: Record<TranscodePlan["rendition"], TranscodePlan> = {
  "sub-h264": { rendition: "sub-h264", width: 480, height: 270, fps: 12.5, codecString: "avc1.4d4015", level: "2.1" },
  "main-h264": { rendition: "main-h264", width: 960, height: 540, fps: 25, codecString: "avc1.4d401f", level: "3.1" },
};

/** The main transcode at the source size (large tiles on 1080p outputs): level 4.1 covers 1080p25. */
export const SOURCE_SIZE_MAIN: TranscodePlan = {
  rendition: "main-h264",
  width: null,
  height: null,
  fps: 25,
  codecString: "avc1.4d4029",
  level: "4.1",
};

/** The device a hardware encoder needs; configured but absent → software (and a warning). */
export const HW_DEVICE: Record<Exclude<HwAccel, "none">, string> = {
  vaapi: "/dev/dri/renderD128",
  qsv: "/dev/dri/renderD128",
  nvenc: "/dev/nvidia0",
};

export function effectiveHw(wanted: HwAccel, present: (path: string) => boolean): HwAccel {
  return wanted === "none" || present(HW_DEVICE[wanted]) ? wanted : "none";
}

/** Whether a plan is the small-tile size, whose transcodes run by the dozen (density matters most). */
const isSmall = (size: { w: number; h: number } | null): boolean => size !== null && size.w <= 480;

/**
 * How the (software) HEVC decoder runs. Decoding the source is ~80 % of a transcode's CPU (1080p H.265 →
 * 480×270: decode 22 %, scale 1 %, x264 4 % of a core; docs/benchmarks.md), so a small tile's decoder
 * runs one thread (frame threads cost overhead and a frame of delay each) and skips the in-loop filters:
 * at a quarter of the source's width their effect is invisible (SSIM 0.997, PSNR 47 dB against the full
 * decode at 480×270) and the decode costs ~10 % less. A large tile's decoder keeps ffmpeg's defaults.
 */
function decoderArgs(size: { w: number; h: number } | null): string[] {
  return isSmall(size) ? ["-threads", "1", "-skip_loop_filter", "all"] : [];
}

/** ffmpeg: MPEG-TS (our muxer) on stdin → H.264 in FLV on stdout, timestamps kept (-copyts). */
export function transcodeArgs(plan: TranscodePlan, hw: HwAccel): string[] {
  const gop = String(Math.round(plan.fps)); // a key frame every second
  const size = plan.width !== null && plan.height !== null ? { w: plan.width, h: plan.height } : null;
  const scale = size ? [`scale=${size.w}:${size.h}:flags=fast_bilinear`] : [];
  // Drop to the tile's rate before scaling: the 25 fps source is scaled at 12.5 fps, not 25.
  const fps = [`fps=${plan.fps}`];
  const input = [
    ...["-hide_banner", "-loglevel", "error", "-nostdin"],
    // Start on the first key frame without seconds of probing; keep the source's timestamps.
    ...["-fflags", "+nobuffer", "-probesize", "65536", "-analyzeduration", "0", ...decoderArgs(size)],
    ...["-f", "mpegts", "-i", "pipe:0", "-map", "0:v:0", "-an", "-copyts"],
  ];
  const out = ["-f", "flv", "-flvflags", "no_duration_filesize", "-flush_packets", "1", "pipe:1"];
  const common = ["-g", gop, "-keyint_min", gop, "-bf", "0"];
  switch (hw) {
    case "vaapi": {
      const vaapiScale = size ? [`scale_vaapi=w=${size.w}:h=${size.h}`] : [];
      return [
        ...["-vaapi_device", HW_DEVICE.vaapi],
        ...input,
        ...["-vf", [...fps, "format=nv12", "hwupload", ...vaapiScale].join(",")],
        ...["-c:v", "h264_vaapi", "-profile:v", "main", "-level", plan.level, ...common],
        ...out,
      ];
    }
    case "qsv":
      return [
        ...input,
        "-vf",
        [...fps, ...scale].join(","),
        "-c:v",
        "h264_qsv",
        "-preset",
        "veryfast",
        ...common,
        ...out,
      ];
    case "nvenc":
      return [
        ...input,
        ...["-vf", [...fps, ...scale].join(",")],
        ...["-c:v", "h264_nvenc", "-preset", "p1", "-tune", "ll", "-zerolatency", "1", "-profile:v", "main", ...common],
        ...out,
      ];
    case "none":
      return [
        ...input,
        ...["-vf", [...fps, ...scale].join(",")],
        ...[
          "-c:v",
          "libx264",
          "-preset",
          "veryfast",
          "-tune",
          "zerolatency",
          "-profile:v",
          "main",
          "-level",
          plan.level,
        ],
        ...[...common, "-sc_threshold", "0", "-threads", isSmall(size) ? "1" : "2"],
        ...out,
      ];
  }
}
