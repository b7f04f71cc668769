// Property tests: for any AU sequence with non-decreasing dts the segment timeline is continuous and
// monotonic, every segment starts with a key frame, parts add up to their segment, and no part is longer
// than the PART-TARGET the playlist announced — which never changes once announced.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Packager } from "../../src/hls/packager";
import type { AccessUnit } from "../../src/media/types";
import { strictCheck } from "./grammar";
import { au, MUXED, VIDEO_ONLY } from "./synthetic";

const step = fc.record({
  deltaMs: fc.oneof(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 400 })),
  key: fc.boolean(),
  audio: fc.boolean(),
  bytes: fc.integer({ min: 1, max: 64 }),
  event: fc.constantFrom(
    "none",
    "none",
    "none",
    "none",
    "none",
    "none",
    "none",
    "none",
    "none",
    "discontinuity",
    "restart",
  ),
});

/** The sync-sample flags of the first sample of the fragment's first traf (video when present). */
function firstSampleIsKey(fragment: Buffer): boolean {
  // moof(8) mfhd(16) traf(8) tfhd(16) tfdt(20) trun(8 + flags 4 + count 4 + offset 4) + duration 4 + size 4
  return fragment.readUInt32BE(96) === 0x02000000;
}

describe("segmentation properties", () => {
  it.each([
    ["video", false],
    ["video + audio", true],
  ])("%s", (_name, withAudio) => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 300 }), (steps) => {
        const p = new Packager({ ringSegments: 1000 });
        p.config(withAudio ? MUXED : VIDEO_ONLY);
        let dts = 0;
        let announced: string | undefined;
        for (const s of steps) {
          if (s.event === "discontinuity") p.discontinuity("property");
          if (s.event === "restart") dts = 0;
          else dts += s.deltaMs;
          const u: AccessUnit = { kind: "video", dts, pts: dts, key: s.key, data: Buffer.alloc(s.bytes, 1) };
          p.unit(u);
          if (withAudio && s.audio) p.unit(au(dts + 5));
          const text = p.playlist();
          if (text) {
            expect(strictCheck(text)).toEqual([]);
            const target = /PART-TARGET=([\d.]+)/.exec(text)?.[1];
            announced ??= target;
            expect(target).toBe(announced);
          }
        }
        p.end("property over");
        const { segments } = p.view();
        segments.forEach((seg, i) => {
          const prev = segments[i - 1];
          if (prev) {
            expect(seg.msn).toBe(prev.msn + 1);
            expect(seg.startMs).toBe(prev.startMs + prev.durationMs);
          }
          expect(seg.durationMs).toBeGreaterThan(0);
          expect(seg.parts.reduce((a, x) => a + x.durationMs, 0)).toBe(seg.durationMs);
          for (const part of seg.parts) {
            expect(part.durationMs).toBeGreaterThan(0);
            expect(part.durationMs).toBeLessThanOrEqual(p.partTargetMs);
          }
          expect(seg.parts[0]!.independent).toBe(true);
          expect(firstSampleIsKey(seg.parts[0]!.bytes)).toBe(true);
          expect(Buffer.concat(seg.parts.map((x) => x.bytes)).equals(seg.bytes!)).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe("memory", () => {
  it("a 500 kbps stream stays under 1.3 MB with a bounded ring", () => {
    const p = new Packager();
    p.config(MUXED);
    const frame = Buffer.alloc(2_200, 7); // ~440 kbps video at 25 fps
    const aac = Buffer.alloc(300, 9); // ~ 60 kbps audio at 46.875 frames/s
    let nextAudio = 0;
    for (let i = 0; i < 25 * 120; i++) {
      const dts = i * 40;
      while (nextAudio <= dts) {
        p.unit({ kind: "audio", dts: Math.round(nextAudio), pts: Math.round(nextAudio), key: true, data: aac });
        nextAudio += 1024 / 48;
      }
      p.unit({ kind: "video", dts, pts: dts, key: i % 25 === 0, data: frame });
    }
    const stats = p.stats();
    expect(p.view().segments.length).toBe(7);
    expect(stats.memoryBytes).toBeLessThan(1.3 * 1024 * 1024);
    expect(stats.memoryBytes).toBeGreaterThan(7 * 60_000);
  });
});
