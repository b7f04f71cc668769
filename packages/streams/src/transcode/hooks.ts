// The registry's transcode hooks for the real gateway: plans by rendition (the main transcode at
// 960×540 or the source size), ffmpeg transcoders with the hardware encoder when it is configured and its
// device present (else software, said once in the log). Owns the spare ffmpegs (spares.ts; close() ends
// them); each source it makes owns its running ffmpeg.
import { existsSync } from "node:fs";
import type { TranscodeHooks } from "../registry/options";
import { spawnOwned } from "../sources/child-process";
import { type Logger, silentLogger } from "../sources/logger";
import {
  effectiveHw,
  type HwAccel,
  SOURCE_SIZE_MAIN,
  TRANSCODE_PLANS,
  type TranscodePlan,
  transcodeArgs,
} from "./plan";
import { SpareFfmpegs } from "./spares";
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
  /** TRANSCODE_SPARE: a spare ffmpeg waiting per rendition profile for the next cold start (spares.ts). Default true. */
  spares?: boolean;
}

export function createTranscodeHooks(c: TranscodeConfig): TranscodeHooks {
  const log = c.log ?? silentLogger;
  const hw = effectiveHw(c.hw, c.present ?? existsSync);
  if (hw !== c.hw)
    log.warn({ wanted: c.hw }, "transcoding: the hardware encoder's device is absent: software encoding");
  const plan = (r: TranscodePlan["rendition"]): TranscodePlan =>
    r === "main-h264" && c.mainSize === "source" ? SOURCE_SIZE_MAIN : TRANSCODE_PLANS[r];
  const spares =
    c.spares === false || c.max === 0
      ? null
      : new SpareFfmpegs({ spawn: (args) => spawnOwned(c.ffmpegPath, args, { stdin: true }), max: c.max, log });
  for (const r of ["sub-h264", "main-h264"] as const) spares?.keep(transcodeArgs(plan(r), hw));
  return {
    max: c.max,
    plan,
    source: (camera, p, upstream) =>
      new TranscodeSource({
        plan: p,
        hw,
        ffmpegPath: c.ffmpegPath,
        upstream,
        log,
        name: `${camera.id}/${p.rendition}`,
        ...(spares ? { ffmpeg: (args: string[]) => spares.take(args) } : {}),
      }),
    close: async () => {
      await spares?.close();
    },
  };
}
