// The recordings playlist text: golden output for two files, groups of ~groupMs as byte ranges, a window
// that cuts files, and the EVENT rule — a growing playlist only ever appends (property-tested over any
// sequence of recorded segments and reloads).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PlaylistFile, renderVodPlaylist } from "../src/playlist/vod";
import type { IndexRecord } from "../src/store/indexRecord";

const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
function file(start: number, durations: number[], init = 700, open = false): PlaylistFile {
  const records: IndexRecord[] = [];
  let t = start;
  let offset = init;
  for (const d of durations) {
    const length = d * 10;
    records.push({ startMs: t, durationMs: d, offset, length });
    t += d;
    offset += length;
  }
  return { uri: `${start}.mp4`, records, open };
}

describe("recordings playlist", () => {
  it("golden: two files, 2 s groups as byte ranges, a discontinuity and a map per file", () => {
    const text = renderVodPlaylist({
      files: [file(T0, [1000, 1000, 1000]), file(T0 + 60_000, [1000, 1200], 650)],
      from: T0,
      to: T0 + 120_000,
      growing: false,
    });
    expect(text).toBe(
      [
        "#EXTM3U",
        "#EXT-X-VERSION:7",
        "#EXT-X-TARGETDURATION:3",
        "#EXT-X-PLAYLIST-TYPE:VOD",
        "#EXT-X-MEDIA-SEQUENCE:0",
        "#EXT-X-INDEPENDENT-SEGMENTS",
        `#EXT-X-MAP:URI="${T0}.mp4",BYTERANGE="700@0"`,
        "#EXT-X-PROGRAM-DATE-TIME:2025-03-01T08:00:00.000Z",
        "#EXTINF:2.000,",
        "#EXT-X-BYTERANGE:20000@700",
        `${T0}.mp4`,
        "#EXT-X-PROGRAM-DATE-TIME:2025-03-01T08:00:02.000Z",
        "#EXTINF:1.000,",
        "#EXT-X-BYTERANGE:10000@20700",
        `${T0}.mp4`,
        "#EXT-X-DISCONTINUITY",
        `#EXT-X-MAP:URI="${T0 + 60_000}.mp4",BYTERANGE="650@0"`,
        "#EXT-X-PROGRAM-DATE-TIME:2025-03-01T08:01:00.000Z",
        "#EXTINF:2.200,",
        "#EXT-X-BYTERANGE:22000@650",
        `${T0 + 60_000}.mp4`,
        "#EXT-X-ENDLIST",
        "",
      ].join("\n"),
    );
  });

  it("a window starts at the segment holding `from`; files outside it are left out", () => {
    const text = renderVodPlaylist({
      files: [file(T0, [1000, 1000, 1000, 1000]), file(T0 + 60_000, [1000])],
      from: T0 + 1500,
      to: T0 + 2500,
      growing: false,
    });
    expect(text).toContain("#EXT-X-PROGRAM-DATE-TIME:2025-03-01T08:00:01.000Z");
    expect(text).toContain("#EXT-X-BYTERANGE:20000@10700");
    expect(text).not.toContain(`${T0 + 60_000}.mp4`);
  });

  it("growing (EVENT): no ENDLIST, and an open file's unfinished group is held back", () => {
    const text = renderVodPlaylist({
      files: [file(T0, [1000, 1000, 1000], 700, true)],
      from: T0,
      to: T0 + 60_000,
      growing: true,
    });
    expect(text).toContain("#EXT-X-PLAYLIST-TYPE:EVENT");
    expect(text).not.toContain("#EXT-X-ENDLIST");
    expect(text.match(/#EXTINF/g)).toHaveLength(1);
  });

  it("a growing playlist only ever appends (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ d: fc.integer({ min: 200, max: 2500 }), newFile: fc.boolean() }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 0, max: 3000 }),
        fc.array(fc.nat(), { minLength: 2, maxLength: 6 }),
        (segs, fromOffset, cuts) => {
          // Files as a recorder would write them: a new file on `newFile`, each starting where the last ended.
          const all: Array<{ file: number; start: number; d: number }> = [];
          let t = T0;
          let f = 0;
          for (const [i, s] of segs.entries()) {
            if (i > 0 && s.newFile) f++;
            all.push({ file: f, start: t, d: s.d });
            t += s.d;
          }
          const at = (n: number): PlaylistFile[] => {
            const seen = all.slice(0, n);
            const byFile = new Map<number, PlaylistFile>();
            for (const s of seen) {
              const pf = byFile.get(s.file) ?? { uri: `${s.file}.mp4`, records: [], open: false };
              const prev = pf.records.at(-1);
              const offset = prev ? prev.offset + prev.length : 500;
              byFile.set(s.file, {
                ...pf,
                records: [...pf.records, { startMs: s.start, durationMs: s.d, offset, length: s.d }],
              });
            }
            const last = seen.at(-1);
            return [...byFile.values()].map((x) => ({
              ...x,
              open: last !== undefined && x.uri === `${last.file}.mp4`,
            }));
          };
          const texts = [...cuts.map((c) => c % (all.length + 1))]
            .sort((a, b) => a - b)
            .map((n) => renderVodPlaylist({ files: at(n), from: T0 + fromOffset, to: t + 10_000, growing: true }));
          for (let i = 1; i < texts.length; i++) {
            const prev = texts[i - 1]!.split("\n").filter(Boolean);
            expect(texts[i]!.split("\n").slice(0, prev.length)).toEqual(prev);
          }
        },
      ),
    );
  });
});
