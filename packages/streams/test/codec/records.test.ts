// Building decoder configuration records from in-band parameter sets (what a PS source has): the avcC must
// equal the one ffmpeg writes into MP4 for the same encode; the hvcC must read back to ffmpeg's codec
// string and picture size. Bad input is an error, never a throw.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAvcC } from "../../src/codec/avc";
import { parseHvcC } from "../../src/codec/hevc";
import { buildAvcC, buildHvcC } from "../../src/codec/records";
import { FFMPEG, findBox, run, splitAnnexB } from "../fmp4/media";

/** One encode, as an MP4 (ffmpeg's record) and as Annex B (the parameter sets a PS would carry). */
function encode(codec: "libx264" | "libx265", extra: string[]): { record: Buffer; nals: Buffer[] } {
  const dir = mkdtempSync(join(tmpdir(), "cw-rec-"));
  try {
    const mp4 = join(dir, "a.mp4");
    run(FFMPEG, [
      ...["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25"],
      ...["-frames:v", "2", "-c:v", codec, ...extra, "-tag:v", codec === "libx265" ? "hvc1" : "avc1", mp4],
    ]);
    const bsf = codec === "libx265" ? "hevc_mp4toannexb" : "h264_mp4toannexb";
    const es = run(FFMPEG, [
      "-hide_banner",
      "-loglevel",
      "error",
      "-i",
      mp4,
      "-c",
      "copy",
      "-bsf:v",
      bsf,
      "-f",
      codec === "libx265" ? "hevc" : "h264",
      "-",
    ]);
    return {
      record: Buffer.from(findBox(readFileSync(mp4), codec === "libx265" ? "hvcC" : "avcC")!),
      nals: splitAnnexB(es),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("buildAvcC", () => {
  it.each([
    ["high profile (with the chroma/bit-depth tail)", []],
    ["baseline", ["-profile:v", "baseline"]],
  ])("%s: byte-identical to ffmpeg's", (_name, extra) => {
    const { record, nals } = encode("libx264", extra);
    const sps = nals.filter((n) => (n[0]! & 0x1f) === 7);
    const pps = nals.filter((n) => (n[0]! & 0x1f) === 8);
    const built = buildAvcC(sps, pps);
    expect(built.ok && built.value.toString("hex")).toBe(record.toString("hex"));
    expect(built.ok && parseAvcC(built.value).ok).toBe(true);
  });

  it.each([
    ["no SPS", [], [Buffer.from([0x68, 0xce])]],
    ["no PPS", [Buffer.from([0x67, 0x64, 0, 0x1f, 0xac])], []],
    ["an SPS that does not parse", [Buffer.from([0x67, 0x64, 0, 0x1f])], [Buffer.from([0x68])]],
  ])("%s → error", (_name, sps, pps) => {
    expect(buildAvcC(sps, pps).ok).toBe(false);
  });
});

describe("buildHvcC", () => {
  it("reads back as ffmpeg's record does", () => {
    const { record, nals } = encode("libx265", ["-x265-params", "log-level=none"]);
    const of = (t: number) => nals.filter((n) => ((n[0]! >> 1) & 0x3f) === t);
    const built = buildHvcC(of(32), of(33), of(34));
    const mine = built.ok ? parseHvcC(built.value) : null;
    const theirs = parseHvcC(record);
    expect(mine?.ok && theirs.ok && mine.value).toEqual(theirs.ok && theirs.value);
  });

  it("never throws on random parameter sets", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        buildHvcC([Buffer.from(a)], [Buffer.from(b)], [Buffer.from(a)]);
        buildAvcC([Buffer.from(b)], [Buffer.from(a)]);
      }),
    );
  });
});
