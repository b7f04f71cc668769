// What a spare ffmpeg saves (issue 15, transcode/spares.ts), measured on ffmpeg alone so the rest of the
// pipeline's noise on a loaded machine does not hide it: the sub transcode's exact command, fed 2 s of
// 1080p x265 at once, from "transcode wanted" to its first FLV bytes — a fresh ffmpeg started then, or a
// spare started 1.5 s before and waiting on its stdin. Interleaved runs.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { TRANSCODE_PLANS, transcodeArgs } from "@cw/streams";
import { FFMPEG } from "./hevcRig";

const SPARE_LEAD_MS = 1500;

function firstOutputMs(input: Buffer, spare: boolean): Promise<number> {
  const p = spawn(FFMPEG, transcodeArgs(TRANSCODE_PLANS["sub-h264"], "none"), { stdio: ["pipe", "pipe", "ignore"] });
  p.stdin.on("error", () => {});
  return new Promise((resolve) => {
    const go = (): void => {
      const t0 = performance.now();
      p.stdout.once("data", () => {
        resolve(performance.now() - t0);
        p.kill("SIGKILL");
      });
      p.stdin.write(input);
    };
    if (spare) setTimeout(go, SPARE_LEAD_MS);
    else go();
  });
}

/** `runs` interleaved pairs: ms to the first output, fresh and spare. */
export async function ffmpegStart(tsFile: string, runs: number): Promise<{ fresh: number[]; spare: number[] }> {
  const input = readFileSync(tsFile);
  const out = { fresh: [] as number[], spare: [] as number[] };
  for (let i = 0; i < runs; i++) {
    out.fresh.push(await firstOutputMs(input, false));
    out.spare.push(await firstOutputMs(input, true));
  }
  return out;
}
