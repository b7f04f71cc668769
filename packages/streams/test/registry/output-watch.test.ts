// The output watch: a stream whose input flows while its output does not advance is `error`, not `live`.
// Unit tables for OutputWatch, then the registry fed the wedge from real FLV files (video only,
// then video + AAC resumed with node-media-server's per-track shift, as the RTMP path delivered it before
// the subscriber took the shift off): health turns `error` with a reason, and back to `live` without it.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StreamHealth } from "@cw/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FlvDemuxer } from "../../src/flv/demuxer";
import type { AccessUnit, MediaSink, TrackSet } from "../../src/media/types";
import { OutputWatch } from "../../src/registry/outputWatch";
import { createStreamRegistry } from "../../src/registry/registry";
import { encodeFlv } from "../sources/helpers/flv-files";
import { testCamera } from "./replay";

describe("OutputWatch", () => {
  const limits = { stuckMs: 5000, stormCount: 3, stormWindowMs: 10_000 };
  it.each([
    [
      "parts advance, no breaks",
      [
        [1000, 900, 5, 0],
        [2000, 1900, 10, 0],
      ],
      null,
    ],
    [
      "input flows, no part for 5 s",
      [
        [1000, 900, 5, 0],
        [6000, 5900, 5, 0],
      ],
      /no part was published for 5 s/,
    ],
    [
      "input stopped: stalled, not an output fault",
      [
        [1000, 900, 5, 0],
        [9000, 1000, 5, 0],
      ],
      null,
    ],
    [
      "three breaks within 10 s",
      [
        [1000, 900, 5, 1],
        [2000, 1900, 6, 2],
        [3000, 2900, 7, 3],
      ],
      /broke 3 times/,
    ],
    [
      "three breaks spread over 25 s",
      [
        [1000, 900, 5, 1],
        [12_000, 11_900, 6, 2],
        [24_000, 23_900, 7, 3],
      ],
      null,
    ],
  ] as const)("%s", (_name, ticks, want) => {
    const w = new OutputWatch(0, limits);
    let got: string | null = null;
    for (const [now, inputAt, parts, disc] of ticks) got = w.check(now, inputAt, parts, disc);
    if (want === null) expect(got).toBeNull();
    else expect(got).toMatch(want);
  });
});

const dir = mkdtempSync(join(tmpdir(), "cw-watch-"));
let runs: { tracks: TrackSet; aus: AccessUnit[] }[];

function demux(file: string): { tracks: TrackSet; aus: AccessUnit[] } {
  let tracks: TrackSet | null = null;
  const aus: AccessUnit[] = [];
  new FlvDemuxer({ tracks: (t) => (tracks = t), unit: (u) => aus.push(u) }).push(readFileSync(file));
  if (!tracks) throw new Error("no tracks");
  return { tracks, aus };
}

beforeAll(() => {
  runs = [demux(encodeFlv(dir, "video", 4, false)), demux(encodeFlv(dir, "video-aac", 8, true))];
});
afterEach(() => vi.useRealTimers());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const camera = testCamera("c");

/** Plays run 1, the publisher leaves, run 2 resumes with video shifted by run 1's last video dts (NMS). */
async function play(shiftVideo: boolean): Promise<StreamHealth[]> {
  vi.useFakeTimers({ now: 1_700_000_000_000 });
  let sink: MediaSink | null = null;
  const registry = createStreamRegistry({
    resolve: () => camera,
    sourceFactory: () => ({
      start: (s) => {
        sink = s;
      },
      stop: async () => {},
    }),
  });
  const seen: StreamHealth[] = [];
  registry.onHealth((list) => seen.push(...list));
  void registry.playlist("c", "main", {});
  const feed = async (run: { tracks: TrackSet; aus: AccessUnit[] }, videoShift: number): Promise<void> => {
    sink!.config(run.tracks);
    let at = 0;
    for (const u of run.aus) {
      if (u.dts > at) await vi.advanceTimersByTimeAsync(u.dts - at);
      at = Math.max(at, u.dts);
      const shift = u.kind === "video" ? videoShift : 0;
      sink!.unit({ ...u, dts: u.dts + shift, pts: u.pts + shift });
    }
  };
  const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
  await feed(one, 0);
  sink!.end("rtmp publisher disconnected");
  await vi.advanceTimersByTimeAsync(500);
  sink!.discontinuity("rtmp publisher reconnected");
  await feed(two, shiftVideo ? one.aus.filter((u) => u.kind === "video").at(-1)!.dts : 0);
  await registry.close();
  return seen;
}

describe("the registry reports a wedged stream as error", () => {
  it("the issue's resumed publish (per-track shift): error with the reason, a video-loss state", async () => {
    const seen = await play(true);
    const faults = seen.filter((h) => h.state === "error");
    expect(faults.length).toBeGreaterThan(0);
    expect(faults[0]?.error).toMatch(/timeline broke \d+ times in 10 s/);
  }, 30_000);

  it("the same files without the shift: live throughout the second run, never error", async () => {
    const seen = await play(false);
    expect(seen.some((h) => h.state === "error")).toBe(false);
    expect(seen.at(-2)?.state).toBe("live");
  }, 30_000);
});
