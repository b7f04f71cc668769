// The minimal codec-configuration readers: golden records in, sizes and RFC 6381 strings out.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAudioSpecificConfig } from "../../src/flv/aac-info";
import { parseAvcConfig } from "../../src/flv/avc-info";
import { parseHevcConfig } from "../../src/flv/hevc-info";
import { AVCC_320x180, HVCC_320x180 } from "./fixtures";

describe("parseAvcConfig", () => {
  it("reads the codec string and the cropped size from the SPS", () => {
    expect(parseAvcConfig(AVCC_320x180)).toEqual({ width: 320, height: 180, codecString: "avc1.42c00c" });
  });
  it.each([[Buffer.alloc(0)], [Buffer.from([1, 0x42, 0, 0x0c, 0xff, 0xe0])], [AVCC_320x180.subarray(0, 12)]])(
    "returns null for %s",
    (b) => expect(parseAvcConfig(b)).toBeNull(),
  );
});

describe("parseHevcConfig", () => {
  it("reads the codec string and the size from the SPS", () => {
    expect(parseHevcConfig(HVCC_320x180)).toEqual({ width: 320, height: 180, codecString: "hvc1.1.6.L60.90" });
  });
});

describe("parseAudioSpecificConfig", () => {
  it.each([
    [[0x12, 0x10], { sampleRate: 44100, channels: 2, codecString: "mp4a.40.2" }],
    [[0x11, 0x90], { sampleRate: 48000, channels: 2, codecString: "mp4a.40.2" }],
    [[0x15, 0x88], { sampleRate: 8000, channels: 1, codecString: "mp4a.40.2" }],
    [[0x2b, 0x92, 0x08, 0x00], { sampleRate: 22050, channels: 2, codecString: "mp4a.40.5" }],
  ])("%j → %j", (bytes, info) => {
    expect(parseAudioSpecificConfig(Buffer.from(bytes))).toEqual(info);
  });
  it.each([[[]], [[0x12]], [[0x17, 0x90]]])("returns null for %j", (bytes) => {
    expect(parseAudioSpecificConfig(Buffer.from(bytes))).toBeNull();
  });
});

describe("readers never throw", () => {
  it.each([
    ["avcC", parseAvcConfig],
    ["hvcC", parseHevcConfig],
    ["ASC", parseAudioSpecificConfig],
  ])("%s on random bytes", (_n, parse) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => void parse(Buffer.from(b))),
      { numRuns: 1000 },
    );
  });
  it("avcC with random SPS bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (sps) => {
        const len = Buffer.alloc(2);
        len.writeUInt16BE(sps.length);
        void parseAvcConfig(Buffer.concat([Buffer.from([1, 0x64, 0, 0x1f, 0xff, 0xe1]), len, Buffer.from(sps)]));
      }),
      { numRuns: 1000 },
    );
  });
});
