// MANSRTSP playback control bodies (GB/T 28181-2016 Annex B), pure: the bodies byte for byte, the reader
// on what devices write (case, LF-only lines, seek without scale), refusals, and a round trip (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isScale, mansrtspBody, type PlaybackControl, parseMansrtsp, SCALES } from "../src/mansrtsp/control";

describe("MANSRTSP bodies", () => {
  it.each<[PlaybackControl, number, string]>([
    [{ method: "PLAY", scale: 4 }, 1, "PLAY MANSRTSP/1.0\r\nCSeq: 1\r\nScale: 4.0\r\n\r\n"],
    [{ method: "PLAY", scale: 0.5 }, 2, "PLAY MANSRTSP/1.0\r\nCSeq: 2\r\nScale: 0.5\r\n\r\n"],
    [
      { method: "PLAY", scale: 2, rangeFromS: 30 },
      5,
      "PLAY MANSRTSP/1.0\r\nCSeq: 5\r\nScale: 2.0\r\nRange: npt=30-\r\n\r\n",
    ],
    [{ method: "PLAY" }, 6, "PLAY MANSRTSP/1.0\r\nCSeq: 6\r\nRange: npt=now-\r\n\r\n"],
    [{ method: "PLAY", rangeFromS: 90.7 }, 3, "PLAY MANSRTSP/1.0\r\nCSeq: 3\r\nRange: npt=90-\r\n\r\n"],
    [{ method: "PAUSE" }, 4, "PAUSE MANSRTSP/1.0\r\nCSeq: 4\r\nPauseTime: now\r\n\r\n"],
  ])("%j (CSeq %i)", (c, cseq, text) => {
    expect(mansrtspBody(c, cseq).toString()).toBe(text);
  });

  it("reads what devices write", () => {
    expect(parseMansrtsp("play MANSRTSP/1.0\nCSeq: 7\nscale: 2.0\n")).toEqual({ method: "PLAY", cseq: 7, scale: 2 });
    expect(parseMansrtsp("PLAY MANSRTSP/1.0\r\nCSeq: 8\r\nRange: npt=120-\r\n")).toEqual({
      method: "PLAY",
      cseq: 8,
      rangeFromS: 120,
    });
    expect(parseMansrtsp("PAUSE MANSRTSP/1.0\r\nCSeq: 9\r\nPauseTime: now\r\n")).toEqual({ method: "PAUSE", cseq: 9 });
  });

  it.each([
    ["TEARDOWN MANSRTSP/1.0\r\nCSeq: 1\r\n", "another method"],
    ["PLAY RTSP/1.0\r\nCSeq: 1\r\n", "not MANSRTSP"],
    ["PLAY MANSRTSP/1.0\r\nScale: 2.0\r\n", "no CSeq"],
    ["PLAY MANSRTSP/1.0\r\nCSeq: 1\r\nScale: 3.0\r\n", "a speed outside the set"],
    ["PLAY MANSRTSP/1.0\r\nCSeq: 1\r\nScale: -2\r\n", "backwards"],
  ])("refuses %j (%s)", (text) => {
    expect(parseMansrtsp(text)).toBeNull();
  });

  it("speeds: exactly the set", () => {
    expect(SCALES.filter(isScale)).toEqual([...SCALES]);
    for (const n of [0, 3, 16, -1, Number.NaN]) expect(isScale(n)).toBe(false);
  });

  it("round trip", () => {
    const control = fc.oneof(
      fc.record({ method: fc.constant("PLAY" as const), scale: fc.constantFrom(...SCALES) }),
      fc.record({ method: fc.constant("PLAY" as const), rangeFromS: fc.nat(86_400) }),
      fc.record({ method: fc.constant("PAUSE" as const) }),
    );
    fc.assert(
      fc.property(control, fc.integer({ min: 1, max: 1e6 }), (c, cseq) => {
        expect(parseMansrtsp(mansrtspBody(c, cseq).toString())).toEqual({ ...c, cseq });
      }),
    );
  });
});
