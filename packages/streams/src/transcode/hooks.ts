// The registry's transcode hooks for the real gateway: plans by rendition (the main transcode at
// 960×540 or the source size), ffmpeg transcoders with the hardware encoder when it is configured and its
// device present (else software, said once in the log). Owns nothing that runs: each source it makes owns
// its ffmpeg.
import { existsSync } from "node:fs";
import type { TranscodeHooks } from "../registry/options";
import { type Logger, silentLogger } from "../sources/logger";
import { effectiveHw, type HwAccel, SOURCE_SIZE_MAIN, TRANSCODE_PLANS } from "./plan";
import { TranscodeSource } from "./transcoder";

export interface TranscodeConfig {
  ffmpegPath: string;
  /** TRANSCODE_MAX: transcodes that may run at once. */
  max: number;
  /** TRANSCODE_HWACCEL. */
  hw: HwAccel;
  /** TRANSCODE_MAIN_SIZE: the large-tile transcode at 960×540 or at the source's size. */
  mainSize: "960x540" | "source";
  log?: Logger;
  /** Device presence (tests inject it). */
  present?: (path: string) => boolean;
}

export function createTranscodeHooks(c: TranscodeConfig): TranscodeHooks {
  const log = c.log ?? silentLogger;
  const hw = effectiveHw(c.hw, c.present ?? existsSync);
  if (hw !== c.hw)
    log.warn({ wanted: c.hw }, "transcoding: the hardware encoder's device is absent: software encoding");
  return {
    max: c.max,
    plan: (r) => (r === "main-h264" && c.mainSize === "source" ? SOURCE_SIZE_MAIN : TRANSCODE_PLANS[r]),
    source: (camera, plan, upstream) =>
      new TranscodeSource({
        plan,
        hw,
        ffmpegPath: c.ffmpegPath,
        upstream,
        log,
        name: `${camera.id}/${plan.rendition}`,
      }),
  };
}
