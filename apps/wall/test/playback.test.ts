// The playback page's pure parts: wall ⇄ media time over PDT-dated segments (gaps jump forward), the
// synchronised-playback correction rule (property: a follower always moves toward the leader), and the
// 24-hour timeline in the bureau's calendar whatever the browser's zone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listedEnd, mediaAt, wallAt } from "../src/playback/pdtMap";
import { pickSource } from "../src/playback/source";
import { IN_STEP_MS, SEEK_BEYOND_MS, type SyncAction, syncStep } from "../src/playback/sync";
import { bars, dayWindow, nextRecorded, position, timeAt } from "../src/playback/timeline";

const T0 = Date.UTC(2025, 2, 3, 0, 0, 0);
// Two runs of footage: 0–6 s of media at T0, then (after a 60 s gap) 6–10 s of media at T0 + 66 s.
const segs = [
  { start: 0, duration: 2, programDateTime: T0 },
  { start: 2, duration: 2, programDateTime: T0 + 2000 },
  { start: 4, duration: 2, programDateTime: T0 + 4000 },
  { start: 6, duration: 2, programDateTime: T0 + 66_000 },
  { start: 8, duration: 2, programDateTime: T0 + 68_000 },
];

describe("PDT mapping", () => {
  it("maps both ways inside segments, jumps gaps forward, clamps at the ends", () => {
    expect(wallAt(segs, 3.5)).toBe(T0 + 3500);
    expect(wallAt(segs, 6.25)).toBe(T0 + 66_250);
    expect(mediaAt(segs, T0 + 3500)).toBe(3.5);
    expect(mediaAt(segs, T0 + 30_000)).toBe(6); // in the gap: where footage resumes
    expect(mediaAt(segs, T0 - 5000)).toBe(0);
    expect(mediaAt(segs, T0 + 999_000)).toBe(10);
    expect(listedEnd(segs)).toBe(T0 + 70_000);
    expect(wallAt([], 1)).toBeNull();
    expect(mediaAt([], T0)).toBeNull();
  });

  it("mediaAt then wallAt gives back any recorded time (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5999 }), (ms) => {
        const t = mediaAt(segs, T0 + ms)!;
        expect(wallAt(segs, t)).toBeCloseTo(T0 + ms, 6);
      }),
    );
  });
});

describe("synchronised playback", () => {
  it.each<[number, number, SyncAction]>([
    [0, 1, { rate: 1 }],
    [IN_STEP_MS, 1, { rate: 1 }],
    [500, 1, { rate: 0.75 }],
    [-200, 1, { rate: 1.1 }],
    [SEEK_BEYOND_MS + 1, 1, { seekTo: 0, rate: 1 }],
    [5000, 8, { rate: 6 }],
    [9000, 8, { seekTo: 0, rate: 8 }],
  ])("a follower %i ms off at leader rate %i → %j", (drift, rate, want) => {
    const got = syncStep(0, drift, rate);
    expect(got.seekTo).toBe(want.seekTo);
    expect(got.rate).toBeCloseTo(want.rate, 6);
  });

  it("always moves a follower toward the leader (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -60_000, max: 60_000 }), fc.constantFrom(1, 2, 4, 8), (drift, rate) => {
        const a = syncStep(1_000_000, 1_000_000 + drift, rate);
        if (a.seekTo !== undefined) expect(a.seekTo).toBe(1_000_000);
        else if (drift > IN_STEP_MS) expect(a.rate).toBeLessThan(rate);
        else if (drift < -IN_STEP_MS) expect(a.rate).toBeGreaterThan(rate);
        else expect(a.rate).toBe(rate);
        expect(a.rate).toBeGreaterThan(0);
      }),
    );
  });
});

describe("24-hour timeline", () => {
  it("is the bureau's day whatever the offset; positions and clicks round-trip to the second", () => {
    const w = dayWindow("2025-03-03", 480);
    expect(w.from).toBe(Date.UTC(2025, 2, 2, 16, 0, 0));
    expect(w.to - w.from).toBe(86_400_000);
    expect(position(w.from + 43_200_000, w)).toBe(0.5);
    expect(timeAt(0.5, w)).toBe(w.from + 43_200_000);
    expect(timeAt(2, w)).toBe(w.to);
    expect(dayWindow("2025-03-03", -300).from).toBe(Date.UTC(2025, 2, 3, 5, 0, 0));
  });

  it("clips spans to the day as bars and finds where footage resumes after a click", () => {
    const w = dayWindow("2025-03-03", 0);
    const spans = [
      { from: w.from - 3600_000, to: w.from + 3600_000 },
      { from: w.from + 7200_000, to: w.from + 10_800_000 },
      { from: w.to + 1000, to: w.to + 5000 },
    ];
    const b = bars(spans, w);
    expect(b).toHaveLength(2);
    expect(b[0]).toMatchObject({ left: 0, from: w.from });
    expect(b[0]!.width).toBeCloseTo(1 / 24, 9);
    expect(nextRecorded(spans, w.from + 5400_000)).toBe(w.from + 7200_000);
    expect(nextRecorded(spans, w.from + 9000_000)).toBe(w.from + 9000_000);
    expect(nextRecorded(spans, w.to)).toBe(w.to + 1000);
    expect(nextRecorded(spans, w.to + 9000)).toBeNull();
  });
});

describe("pickSource: the gateway's recording, else the device's", () => {
  const gw = [{ from: 100_000, to: 200_000 }];
  const dev = [
    { from: 50_000, to: 150_000 },
    { from: 300_000, to: 3_000_000 },
  ];
  it.each([
    ["inside a gateway span", 120_000, { source: "gateway", at: 120_000 }],
    ["before both: the device resumes sooner", 10_000, { source: "device", at: 50_000, from: 50_000, to: 150_000 }],
    ["on the device only", 60_000, { source: "device", at: 60_000, from: 60_000, to: 150_000 }],
    [
      "after the gateway's: the device, at most 10 minutes",
      250_000,
      { source: "device", at: 300_000, from: 300_000, to: 900_000 },
    ],
    ["nothing after: the gateway (its answer says so)", 5_000_000, { source: "gateway", at: 5_000_000 }],
  ])("%s", (_name, target, want) => {
    expect(pickSource(gw, dev, target)).toEqual(want);
  });

  it("without device spans it is the gateway's rule (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000 }), (t) => {
        expect(pickSource(gw, undefined, t)).toEqual({ source: "gateway", at: nextRecorded(gw, t) ?? t });
      }),
    );
  });

  it("a device window starts at the moment it plays and stays inside one span (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000 }), (t) => {
        const p = pickSource([], dev, t);
        if (p.source !== "device") return nextRecorded(dev, t) === null;
        const span = dev.find((s) => p.from >= s.from && p.from < s.to);
        return p.at === p.from && p.from >= t && !!span && p.to <= span.to && p.to - p.from <= 600_000;
      }),
    );
  });
});
