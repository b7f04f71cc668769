// Golden bytes for the PS headers: MPEG-2 and MPEG-1 pack headers, a device's PSM, PES headers with and
// without PTS/DTS (both systems' layouts), and a table of malformed ones (errors as data).
import { describe, expect, it } from "vitest";
import { packHeaderLength, parsePes, parsePsm } from "../../src/ps/headers";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

describe("pack header", () => {
  it.each([
    ["MPEG-2, no stuffing (ffmpeg -f vob)", "000001ba 4400040004 01 0189c3 f8", 14],
    ["MPEG-2 with 2 stuffing bytes", "000001ba 4400040004 01 0189c3 fa ffff", 16],
    ["MPEG-1 (ffmpeg -f mpeg)", "000001ba 2100010001 80c335", 12],
  ])("%s → %i bytes", (_name, bytes, len) => {
    expect(packHeaderLength(hex(bytes))).toEqual({ ok: true, value: len });
  });

  it.each([
    ["version bits 11", "000001ba c400040004 01 0189c3 f8", "pack.version"],
    ["a marker bit cleared", "000001ba 4000040004 01 0189c3 f8", "pack.marker"],
    ["cut off", "000001ba", "pack"],
  ])("%s → %s", (_name, bytes, field) => {
    const r = packHeaderLength(hex(bytes));
    expect(r.ok ? null : r.error.field).toBe(field);
  });
});

describe("program stream map", () => {
  it("reads a device's map: H.264 video on 0xE0, G.711A audio on 0xC0", () => {
    const psm = hex("000001bc 0012 e0ff 0000 0008 1be00000 90c00000 2a2b2c2d");
    expect(parsePsm(psm)).toEqual({
      ok: true,
      value: [
        { streamType: 0x1b, streamId: 0xe0 },
        { streamType: 0x90, streamId: 0xc0 },
      ],
    });
  });

  it("skips program and elementary stream descriptors", () => {
    const psm = hex("000001bc 001a e0ff 0004 0a020000 000c 24e00004 0a020000 90c00000 00000000");
    const r = parsePsm(psm);
    expect(r.ok && r.value.map((e) => e.streamType)).toEqual([0x24, 0x90]);
  });

  it.each([
    ["too short", "000001bc 0006 e0ff 0000"],
    ["info length past the end", "000001bc 0012 e0ff 00ff 0008 1be00000 90c00000 00000000"],
    ["an entry past the map", "000001bc 0012 e0ff 0000 0008 1be00000 90c000ff 00000000"],
  ])("%s → error", (_name, bytes) => {
    expect(parsePsm(hex(bytes)).ok).toBe(false);
  });
});

describe("PES", () => {
  it("MPEG-2 with PTS 90000 (1 s)", () => {
    expect(parsePes(hex("000001e0 000c 8080 05 210005bf21 00000001"))).toEqual({
      ok: true,
      value: { streamId: 0xe0, pts: 90000, dts: null, payload: hex("00000001") },
    });
  });

  it("MPEG-2 with PTS and DTS, and a 33-bit PTS near the wrap", () => {
    const r = parsePes(hex("000001e0 0011 80c0 0a 3fffffffff 1100010001 aa"));
    expect(r.ok && [r.value.pts, r.value.dts, r.value.payload]).toEqual([2 ** 33 - 1, 0, hex("aa")]);
  });

  it("MPEG-1 with stuffing, STD buffer and PTS (ffmpeg -f mpeg)", () => {
    const r = parsePes(hex("000001e0 000c ffff 4000 210005bf21 bb"));
    expect(r.ok && [r.value.pts, r.value.payload]).toEqual([90000, hex("bb")]);
  });

  it("MPEG-1 without timestamps", () => {
    const r = parsePes(hex("000001e0 0003 0f cccc"));
    expect(r.ok && [r.value.pts, r.value.payload]).toEqual([null, hex("cccc")]);
  });

  it.each([
    ["header data past the end", "000001e0 0004 8080 20 00"],
    ["PTS_DTS_flags 01", "000001e0 0004 8040 00 00"],
    ["PTS markers wrong", "000001e0 0008 8080 05 2000000000"],
    ["MPEG-1 flag byte unknown", "000001e0 0002 50 00"],
  ])("%s → error", (_name, bytes) => {
    const r = parsePes(hex(bytes));
    expect(r.ok ? "parsed" : r.error.code).toBe("ps_header");
  });
});
