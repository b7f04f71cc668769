// The segmenter's pure pieces, table-driven: a late frame's fit, how many held frames make a part, where
// a cut splits the samples, AAC frames kept back to back, and a measured plan's target.
import { describe, expect, it } from "vitest";
import { fitPlan } from "../../src/hls/cadence";
import { fitLate } from "../../src/hls/lateFrame";
import { aacDts, framesThatFit, overlapsWritten, type Sample, splitAtCut } from "../../src/hls/samples";
import type { TrackSet } from "../../src/media/types";

const ticks = (ms: number) => ms * 90;
const frame = (ms: number, key = false): Sample => ({
  data: Buffer.alloc(1),
  dts: ticks(ms),
  cto: 0,
  key,
  duration: 0,
});
const aac = (dts: number): Sample => ({ data: Buffer.alloc(1), dts, cto: 0, key: true, duration: 1024 });

describe("fitLate", () => {
  it.each([
    // partStart, target, prev, out, expected → out, excess
    [0, 200, 160, 200, 40, 200, 0], // within the part
    [0, 200, 180, 220, 40, 220, 0], // jitter: one interval, left to splitOvershoot
    [0, 200, 160, 240, 40, 200, 40], // two intervals late: cut at the target
    [0, 200, 160, 1000, 40, 200, 800], // dropped frames: cut at the target, the rest skipped
    [0, 200, 199, 1000, 40, 200, 800],
    [0, 200, 250, 1000, 40, 251, 749], // never before the previous frame
  ])(
    "part from %i, target %i, prev %i, frame at %i (expected %i) → %i, skipping %i",
    (start, target, prev, out, exp, at, excess) => {
      expect(fitLate(start, target, prev, out, exp)).toEqual({ outMs: at, excessMs: excess });
    },
  );
});

describe("framesThatFit", () => {
  it.each([
    [[0, 40, 80, 120, 160, 200, 240], 200, 5], // frames 0..160 end at 200
    [[0, 40], 200, 1], // never the last frame
    [[0, 300, 600], 200, 1], // at least one
  ])("frames %j within %i ms → %i", (times, limit, n) => {
    expect(
      framesThatFit(
        times.map((t) => frame(t)),
        limit,
      ),
    ).toBe(n);
  });
});

describe("splitAtCut", () => {
  const av = { video: { codec: "h264" }, audio: { sampleRate: 48_000 } } as unknown as TrackSet;
  const audioOnly = { video: null, audio: { sampleRate: 48_000 } } as unknown as TrackSet;
  it("keeps all but the carried frames, and the audio after the cut goes with them", () => {
    const video = [frame(0, true), frame(40), frame(80)];
    const audio = [aac(0), aac(1024), aac(2048), aac(3072), aac(4096)]; // 0, 21.3, 42.7, 64, 85.3 ms
    const s = splitAtCut(av, video, audio, 80, 1);
    expect(s.video.map((x) => x.dts)).toEqual([0, ticks(40)]);
    expect(s.carriedVideo.map((x) => x.dts)).toEqual([ticks(80)]);
    expect(s.audio.map((x) => x.dts)).toEqual([0, 1024, 2048, 3072]);
    expect(s.carriedAudio.map((x) => x.dts)).toEqual([4096]);
    expect(splitAtCut(av, video, audio, 120, 0)).toMatchObject({ carriedVideo: [], carriedAudio: [] });
  });
  it("audio drives an audio-only stream", () => {
    const audio = [aac(0), aac(1024), aac(2048)];
    const s = splitAtCut(audioOnly, [], audio, 42, 1);
    expect(s.audio.map((x) => x.dts)).toEqual([0, 1024]);
    expect(s.carriedAudio.map((x) => x.dts)).toEqual([2048]);
  });
});

describe("AAC frames back to back", () => {
  it.each([
    [2048, null, 2048, false],
    [2050, 2048, 2048, false], // jitter: on the expected sample
    [4000, 2048, 4000, false], // the source skipped: its own time
    [1000, 2048, 1000, true], // overlaps what is written
  ])("actual %i, next %s → dts %i, overlaps %s", (actual, next, dts, overlaps) => {
    expect(aacDts(actual, next)).toBe(dts);
    expect(overlapsWritten(actual, next)).toBe(overlaps);
  });
});

describe("fitPlan", () => {
  it.each([
    [{ targetMs: 200, nominalMs: 160 }, 40, { targetMs: 200, nominalMs: 160 }],
    [{ targetMs: 200, nominalMs: 160 }, 0, { targetMs: 200, nominalMs: 160 }],
    [{ targetMs: 200, nominalMs: 160 }, 331, { targetMs: 340, nominalMs: 340 / 1.1 }],
  ])("%j with a longest interval of %i ms → %j", (plan, longest, want) => {
    expect(fitPlan(plan, longest)).toEqual(want);
  });
});
