import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAudioSpecificConfig } from "../../src/codec/aac";
import { parseAvcC, parseAvcSps } from "../../src/codec/avc";
import { unescapeRbsp } from "../../src/codec/bits";
import { parseHevcSpsSize, parseHvcC } from "../../src/codec/hevc";
import { parseVideoConfig } from "../../src/codec/tracks";
import { AVCC_320x180, HVCC_320x180 } from "../flv/fixtures";
import { FFMPEG, findBox, h264Fixture, run } from "../fmp4/media";

/** Encodes one frame with ffmpeg into an MP4 and returns its decoder configuration record. */
function configRecord(codec: "libx264" | "libx265", size: string, extra: string[] = []): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "cw-codec-"));
  try {
    const file = join(dir, "one.mp4");
    run(FFMPEG, [
      ...["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", `testsrc2=size=${size}:rate=25`],
      ...["-frames:v", "1", "-c:v", codec, ...extra, "-tag:v", codec === "libx265" ? "hvc1" : "avc1", file],
    ]);
    const rec = findBox(readFileSync(file), codec === "libx265" ? "hvcC" : "avcC");
    if (!rec) throw new Error("no config record in ffmpeg's mp4");
    return Buffer.from(rec);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("avcC", () => {
  it.each([
    ["320x180", [], 320, 180, "avc1.64000c"],
    ["1920x1080", [], 1920, 1080, "avc1.640028"], // 1088 coded rows cropped to 1080
    ["640x360", ["-profile:v", "baseline"], 640, 360, "avc1.42c01e"],
    ["352x288", ["-pix_fmt", "yuv444p"], 352, 288, "avc1.f4000d"],
  ])("%s %j → %ix%i %s", (size, extra, width, height, codecString) => {
    const r = parseAvcC(configRecord("libx264", size, extra as string[]));
    expect(r.ok && { width: r.value.width, height: r.value.height, codec: r.value.codecString }).toEqual({
      width,
      height,
      codec: codecString,
    });
  });

  it("reads the golden FLV record (ffmpeg 5.1, baseline, 2-byte-aligned SPS with cropping)", () => {
    const r = parseAvcC(AVCC_320x180);
    expect(r.ok && { width: r.value.width, height: r.value.height, codec: r.value.codecString }).toEqual({
      width: 320,
      height: 180,
      codec: "avc1.42c00c",
    });
    expect(r.ok && r.value.nalLengthSize).toBe(4);
  });

  it("agrees with the fixture helper's hand-built record", () => {
    const { track } = h264Fixture({ seconds: 0.2 });
    expect([track.width, track.height, track.codecString]).toEqual([320, 180, "avc1.64000c"]);
  });

  it.each([
    ["empty", "avcC", Buffer.alloc(0)],
    ["wrong version", "avcC.version", Buffer.from([2, 0x64, 0, 0x1f, 0xff, 0xe1, 0])],
    ["no SPS", "avcC.sps", Buffer.from([1, 0x64, 0, 0x1f, 0xff, 0xe0, 0])],
    ["SPS runs past the end", "avcC.sps", Buffer.from([1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 9, 0x67])],
    ["not an SPS", "sps", Buffer.from([1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 4, 0x68, 0, 0, 0, 0])],
    ["6 bytes, no SPS count", "avcC", Buffer.from([1, 0x42, 0, 0x0c, 0xff, 0xe0])],
    ["golden record cut inside its SPS", "avcC.sps", AVCC_320x180.subarray(0, 12)],
  ])("%s → error on field %s", (_name, field, rec) => {
    const r = parseAvcC(rec);
    expect(r.ok ? null : r.error).toMatchObject({ code: "validation", field });
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        parseAvcC(Buffer.from(bytes));
        parseAvcSps(Buffer.concat([Buffer.from([0x67]), Buffer.from(bytes)]));
        parseHvcC(Buffer.from(bytes));
        parseHevcSpsSize(Buffer.from(bytes));
        parseAudioSpecificConfig(Buffer.from(bytes));
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on a well-framed avcC around random SPS bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (sps) => {
        const len = Buffer.alloc(2);
        len.writeUInt16BE(sps.length);
        parseAvcC(Buffer.concat([Buffer.from([1, 0x64, 0, 0x1f, 0xff, 0xe1]), len, Buffer.from(sps)]));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("emulation prevention", () => {
  it.each([
    ["00 00 03 01", "00 00 01"],
    ["00 00 03 00 00 03", "00 00 00 00"],
    ["01 02 03", "01 02 03"],
    ["00 03 00 00 03 03", "00 03 00 00 03"],
  ])("%s → %s", (input, output) => {
    const hex = (s: string): Buffer => Buffer.from(s.replaceAll(" ", ""), "hex");
    expect(unescapeRbsp(hex(input)).toString("hex")).toBe(hex(output).toString("hex"));
  });
});

describe("hvcC", () => {
  it("reads the codec string and picture size of an x265 stream", () => {
    const r = parseHvcC(configRecord("libx265", "640x360", ["-x265-params", "log-level=none"]));
    expect(r.ok && r.value).toMatchObject({ width: 640, height: 360, nalLengthSize: 4 });
    // Main profile (1); compatibility flags 0x60000000 bit-reversed → 6; main tier, level 2.1 (63, as
    // ffprobe reports); constraint byte 0x90 = progressive_source + frame_only, trailing zero bytes dropped.
    expect(r.ok && r.value.codecString).toBe("hvc1.1.6.L63.90");
  });

  it("reads the golden FLV record (ffmpeg 5.1, SEI array dropped)", () => {
    const r = parseHvcC(HVCC_320x180);
    expect(r.ok && r.value).toEqual({ width: 320, height: 180, codecString: "hvc1.1.6.L60.90", nalLengthSize: 4 });
  });

  it("rejects a short record", () => {
    const r = parseHvcC(Buffer.from([1, 2, 3]));
    expect(r.ok ? null : r.error.field).toBe("hvcC");
  });
});

describe("AudioSpecificConfig", () => {
  it.each([
    ["1210", 2, 44100, 2, "mp4a.40.2"],
    ["1190", 2, 48000, 2, "mp4a.40.2"],
    ["1588", 2, 8000, 1, "mp4a.40.2"],
    ["2b8a0800", 5, 22050, 1, "mp4a.40.5"],
    ["f8e880", 39, 44100, 4, "mp4a.40.39"], // escape: object type 31 + 6 bits
    ["2b920800", 5, 22050, 2, "mp4a.40.5"],
  ])("%s → type %i, %i Hz, %i ch, %s", (hex, objectType, sampleRate, channels, codecString) => {
    const r = parseAudioSpecificConfig(Buffer.from(hex, "hex"));
    expect(r.ok && r.value).toEqual({ objectType, sampleRate, channels, codecString });
  });

  it.each([
    ["", "asc"],
    ["0000", "asc.objectType"],
    ["12", "asc"], // one byte
    ["16d0", "asc.sampleRate"], // frequency index 13 is reserved
    ["1790", "asc"], // frequency index 15 escapes to 24 bits the config does not have
  ])("%s → error on %s", (hex, field) => {
    const r = parseAudioSpecificConfig(Buffer.from(hex, "hex"));
    expect(r.ok ? null : r.error.field).toBe(field);
  });
});

describe("parseVideoConfig", () => {
  it.each([
    ["h264", AVCC_320x180, "avc1.42c00c"],
    ["h265", HVCC_320x180, "hvc1.1.6.L60.90"],
  ] as const)("%s golden record → %s", (codec, rec, codecString) => {
    const r = parseVideoConfig(codec, rec);
    expect(r.ok && r.value).toMatchObject({ width: 320, height: 180, codecString, nalLengthSize: 4 });
  });
});
