// Table tests: a synthetic access-unit sequence → the segments and parts the packager cuts.
import { describe, expect, it } from "vitest";
import { Packager } from "../../src/hls/packager";
import { au, feed, frames, MUXED, summarize, VIDEO, VIDEO_ONLY, vu } from "./synthetic";

const FIVE = [200, 200, 200, 200, 200];
const KEY_FIRST = [true, false, false, false, false];
const seg = (startMs: number, durationMs: number, extra: { disc?: boolean; init?: number; parts?: number[] } = {}) => ({
  startMs,
  durationMs,
  discontinuity: extra.disc ?? false,
  initVersion: extra.init ?? 1,
  parts: extra.parts ?? FIVE,
});

interface Case {
  name: string;
  run(p: Packager): void;
  segments: ReturnType<typeof seg>[];
  dropped?: number;
  discontinuities?: number;
}

const WRAP = 2 ** 32;

const cases: Case[] = [
  {
    name: "1 s GOPs at 25 fps → 1 s segments of five 200 ms parts",
    run: (p) => feed(p, frames(0, 75)),
    segments: [seg(0, 1000), seg(1000, 1000), seg(2000, 1000)],
  },
  {
    name: "2 s GOPs → 2 s segments (a segment waits for a key frame)",
    run: (p) => feed(p, frames(0, 100, { gop: 50 })),
    segments: [seg(0, 2000, { parts: [...FIVE, ...FIVE] }), seg(2000, 2000, { parts: [...FIVE, ...FIVE] })],
  },
  {
    name: "480 ms GOPs → the first segment ends at the second key frame, then cut at the first key frame ≥ 1 s",
    run: (p) => feed(p, frames(0, 72, { gop: 12 })),
    segments: [
      seg(0, 480, { parts: [200, 200, 80] }),
      seg(480, 1440, { parts: [200, 200, 200, 200, 200, 200, 200, 40] }),
      seg(1920, 960, { parts: [200, 200, 200, 200, 160] }),
    ],
  },
  {
    name: "leading delta frames are dropped: the first segment starts on a key frame",
    run: (p) => feed(p, frames(400, 65, { firstIndex: 10 })),
    segments: [seg(0, 1000), seg(1000, 1000)],
    dropped: 15,
  },
  {
    name: "30 fps millisecond timestamps → six-frame parts of ~200 ms",
    run: (p) => feed(p, frames(0, 60, { fps: 30, gop: 30 })),
    // The last frame's duration is estimated from the cadence when end() flushes, never past the target.
    segments: [seg(0, 1000), seg(1000, 1000)],
  },
  {
    name: "source restarts at 0 → discontinuity, output timeline continues",
    run: (p) => feed(p, [...frames(0, 50), ...frames(0, 50)]),
    segments: [seg(0, 1000), seg(1000, 1000), seg(2000, 1000, { disc: true }), seg(3000, 1000)],
    discontinuities: 1,
  },
  {
    name: "32-bit wrap at 2^32 ms is continuous (no discontinuity)",
    run: (p) =>
      feed(
        p,
        frames(WRAP - 1000, 75).map((u) => ({ ...u, dts: u.dts % WRAP, pts: u.pts % WRAP })),
      ),
    segments: [seg(0, 1000), seg(1000, 1000), seg(2000, 1000)],
    discontinuities: 0,
  },
  {
    name: "a forward gap > 5 s → discontinuity",
    run: (p) => feed(p, [...frames(0, 50), ...frames(60_000, 50)]),
    segments: [seg(0, 1000), seg(1000, 1000), seg(2000, 1000, { disc: true }), seg(3000, 1000)],
    discontinuities: 1,
  },
  {
    name: "a backward jump → discontinuity",
    run: (p) => feed(p, [...frames(10_000, 50), ...frames(5_000, 50)]),
    segments: [seg(0, 1000), seg(1000, 1000), seg(2000, 1000, { disc: true }), seg(3000, 1000)],
    discontinuities: 1,
  },
  {
    name: "discontinuity() mid-GOP closes the segment short; the next starts at a key frame",
    run: (p) => {
      feed(p, frames(0, 38));
      p.discontinuity("publisher reconnected");
      feed(p, [vu(1560, false), ...frames(5000, 50)]);
    },
    segments: [
      seg(0, 1000),
      seg(1000, 520, { parts: [200, 200, 120] }),
      seg(1520, 1000, { disc: true }),
      seg(2520, 1000),
    ],
    dropped: 1,
    discontinuities: 1,
  },
  {
    name: "a changed codec config → discontinuity and a new init version",
    run: (p) => {
      feed(p, frames(0, 50));
      p.config({
        video: { ...VIDEO, config: Buffer.from("0142001effe1", "hex"), codecString: "avc1.42001e" },
        audio: null,
      });
      feed(p, frames(2000, 50));
    },
    segments: [seg(0, 1000), seg(1000, 1000), seg(2000, 1000, { disc: true, init: 2 }), seg(3000, 1000, { init: 2 })],
    discontinuities: 1,
  },
  {
    name: "the same config again changes nothing",
    run: (p) => {
      feed(p, frames(0, 25));
      p.config({ video: { ...VIDEO, config: Buffer.from(VIDEO.config) }, audio: null });
      feed(p, frames(1000, 50));
    },
    segments: [seg(0, 1000), seg(1000, 1000), seg(2000, 1000)],
    discontinuities: 0,
  },
  {
    name: "end() flushes the open segment; resuming is a discontinuity",
    run: (p) => {
      feed(p, frames(0, 30));
      p.end("camera offline");
      feed(p, frames(0, 25));
    },
    segments: [seg(0, 1000), seg(1000, 200, { parts: [200] }), seg(1200, 1000, { disc: true })],
    discontinuities: 1,
  },
];

describe("segmentation (video only)", () => {
  it.each(cases)("$name", (c) => {
    const p = new Packager({ ringSegments: 50 });
    p.config(VIDEO_ONLY);
    c.run(p);
    p.end("test over");
    const { segments, open } = summarize(p);
    expect(open).toBeNull();
    expect(
      segments.map(({ startMs, durationMs, discontinuity, initVersion, parts }) => ({
        startMs,
        durationMs,
        discontinuity,
        initVersion,
        parts,
      })),
    ).toEqual(c.segments);
    for (const s of segments) expect(s.independent[0]).toBe(true);
    expect(segments.map((s) => s.msn)).toEqual(segments.map((_, i) => i));
    expect(p.stats().droppedUnits).toBe(c.dropped ?? 0);
    expect(p.stats().discontinuities).toBe(c.discontinuities ?? 0);
  });

  it("marks only parts that start with a key frame INDEPENDENT", () => {
    const p = new Packager();
    p.config(VIDEO_ONLY);
    feed(p, frames(0, 56)); // frame 55 closes segment 2's first part, completing segment 1
    const { segments } = summarize(p);
    expect(segments.map((s) => s.independent)).toEqual([KEY_FIRST, KEY_FIRST]);
  });

  it("publishes a segment's last part while the segment is open; its EXTINF comes with the next one's first part", () => {
    const p = new Packager();
    p.config(VIDEO_ONLY);
    const all = frames(0, 60);
    feed(p, all.slice(0, 51)); // frame 50 (a key frame) ends segment 1
    const ended = p.playlist() ?? "";
    expect(ended).toContain('URI="p1.4.m4s"');
    expect(ended).not.toContain("s1.m4s");
    expect(ended).toContain('PRELOAD-HINT:TYPE=PART,URI="p1.5.m4s"');
    feed(p, all.slice(51, 56)); // frame 55 closes p2.0
    const next = p.playlist() ?? "";
    expect(next).toMatch(/p1\.4\.m4s"\n#EXTINF:1\.000,\ns1\.m4s\n/);
    expect(next).toContain('URI="p2.0.m4s",INDEPENDENT=YES');
  });

  it("ends the stream's first segment at its second key frame however soon; startable with the next part", () => {
    const p = new Packager();
    p.config(VIDEO_ONLY);
    // A device asked for a key frame 0.44 s into the stream it began at our INVITE (IFameCmd): frame 11.
    const first = frames(0, 11);
    const rest = frames(440, 60, { firstIndex: 0 }); // key frames at 440 and 1440 ms
    feed(p, [...first, ...rest.slice(0, 5)]);
    expect(p.startable()).toBe(false); // segment 0 ended; it is listed with the next segment's first part
    feed(p, rest.slice(5, 6)); // the frame at 640 ms closes p1.0
    expect(p.startable()).toBe(true);
    feed(p, rest.slice(6, 31)); // the key frame at 1440 ms ends segment 1 only at the usual ≥ 1 s
    const { segments } = summarize(p);
    expect(segments.map((s) => [s.startMs, s.durationMs, s.independent[0]])).toEqual([
      [0, 440, true],
      [440, 1000, true],
    ]);
  });

  it("is not startable from parts alone: the first playlist waits for a complete segment", () => {
    const p = new Packager();
    p.config(VIDEO_ONLY);
    feed(p, frames(0, 20)); // four parts, no second key frame yet
    expect(p.hasMedia()).toBe(true);
    expect(p.startable()).toBe(false);
  });

  it("asks its source for a key frame once, when a player waits and the first segment has two parts", async () => {
    let asked = 0;
    const p = new Packager({ onKeyFrameWanted: () => asked++ });
    p.config(VIDEO_ONLY);
    const gop = frames(0, 25);
    feed(p, gop.slice(0, 11)); // two parts out, nobody waiting: nothing asked
    expect(asked).toBe(0);
    const ac = new AbortController();
    const waiting = p.waitForStartable(ac.signal);
    expect(asked).toBe(1);
    feed(p, gop.slice(11)); // more parts: still once
    expect(asked).toBe(1);
    feed(p, frames(1000, 6)); // the key frame the device sent, and the next part: the playlist can go out
    expect((await waiting).ok).toBe(true);
    const later = new Packager({ onKeyFrameWanted: () => asked++ });
    later.config(VIDEO_ONLY);
    const w2 = later.waitForStartable(ac.signal);
    feed(later, frames(0, 6)); // one part: too early to ask (see KEY_FRAME_AFTER_PARTS)
    expect(asked).toBe(1);
    ac.abort();
    expect((await w2).ok).toBe(false);
  });

  it("dates a pre-rolled GOP by the live frames after it, so segments do not overlap", () => {
    let now = 1_000_000;
    const p = new Packager({ now: () => now });
    p.config(VIDEO_ONLY);
    const all = frames(0, 60);
    feed(p, all.slice(0, 25)); // a GOP cache: one second of frames at once
    for (const f of all.slice(25)) {
      now += 40;
      feed(p, [f]);
    }
    const [s0, s1] = p.view().segments;
    expect(s0?.programDateTime).toBe(1_000_040 - 1000);
    expect((s1?.programDateTime ?? 0) - (s0?.programDateTime ?? 0)).toBe(s0?.durationMs);
  });
});

describe("segmentation (video + audio muxed)", () => {
  it("audio before the first key frame is dropped; parts follow the video", () => {
    const p = new Packager();
    p.config(MUXED);
    const units = [au(0), vu(0, false), au(21), ...frames(40, 50, { firstIndex: 0 })];
    // Interleave AAC frames (21.33 ms) with the video from 40 ms on.
    for (let i = 2; i < 100; i++) units.push(au(Math.round(i * 21.333)));
    units.sort((a, b) => a.dts - b.dts);
    feed(p, units);
    p.end("done");
    const { segments } = summarize(p);
    expect(segments.map((s) => [s.startMs, s.durationMs, s.parts])).toEqual([
      [0, 1000, FIVE],
      [1000, 1000, FIVE],
    ]);
    expect(p.stats().droppedUnits).toBe(3); // two AAC frames and the delta frame before the key frame
  });
});

describe("segmentation (audio only)", () => {
  it("cuts ~200 ms parts and ~1 s segments on AAC frame boundaries", () => {
    const p = new Packager();
    p.config({ video: null, audio: MUXED.audio });
    for (let i = 0; i < 200; i++) p.unit(au(Math.round((i * 1024 * 1000) / 48000)));
    p.end("done");
    const { segments } = summarize(p);
    expect(segments.length).toBeGreaterThanOrEqual(3);
    for (const s of segments) {
      expect(s.parts.reduce((a, b) => a + b, 0)).toBe(s.durationMs);
      expect(s.independent.every(Boolean)).toBe(true);
      for (const d of s.parts) expect(d).toBeLessThanOrEqual(p.partTargetMs);
      expect(p.partTargetMs).toBe(220); // nine 21.3 ms AAC frames + 10 %
    }
    for (const s of segments.slice(0, -1)) expect(Math.abs(s.durationMs - 1000)).toBeLessThan(22);
  });
});
