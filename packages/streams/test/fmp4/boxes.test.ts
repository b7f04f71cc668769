// Golden bytes of the fMP4 writers, computed by hand from ISO/IEC 14496-12 for tiny inputs.
import { describe, expect, it } from "vitest";
import { fragment } from "../../src/fmp4/fragment";
import { initSegment } from "../../src/fmp4/init";
import { audioSampleEntry } from "../../src/fmp4/sampleEntry";
import type { AudioTrack, VideoTrack } from "../../src/media/types";

const hex = (s: string): string => s.replace(/\s+/g, "");

const video: VideoTrack = {
  codec: "h264",
  config: Buffer.from("0164001fffe1", "hex"),
  width: 320,
  height: 180,
  codecString: "avc1.64001f",
};
const audio: AudioTrack = {
  codec: "aac",
  config: Buffer.from([0x11, 0x90]),
  sampleRate: 48000,
  channels: 2,
  codecString: "mp4a.40.2",
};

describe("fragment", () => {
  it("one track, a key and a delta sample with a negative composition offset", () => {
    const bytes = fragment(7, [
      {
        trackId: 1,
        baseDecodeTime: 258,
        samples: [
          { data: Buffer.from([0xaa, 0xbb]), duration: 3600, cto: 0, key: true },
          { data: Buffer.from([0xcc]), duration: 3600, cto: -1800, key: false },
        ],
      },
    ]);
    expect(bytes.toString("hex")).toBe(
      hex(`
        00000078 6d6f6f66
          00000010 6d666864 00000000 00000007
          00000060 74726166
            00000010 74666864 00020000 00000001
            00000014 74666474 01000000 00000000 00000102
            00000034 7472756e 01000f01 00000002 00000080
              00000e10 00000002 02000000 00000000
              00000e10 00000001 01010000 fffff8f8
        0000000b 6d646174 aabbcc`),
    );
  });

  it("two tracks in one fragment: the second run's data offset follows the first run's bytes", () => {
    const bytes = fragment(1, [
      { trackId: 1, baseDecodeTime: 0, samples: [{ data: Buffer.from([1, 2]), duration: 3000, cto: 0, key: true }] },
      { trackId: 2, baseDecodeTime: 48000, samples: [{ data: Buffer.from([3]), duration: 1024, cto: 0, key: true }] },
    ]);
    expect(bytes.toString("hex")).toBe(
      hex(`
        000000b8 6d6f6f66
          00000010 6d666864 00000000 00000001
          00000050 74726166
            00000010 74666864 00020000 00000001
            00000014 74666474 01000000 00000000 00000000
            00000024 7472756e 01000f01 00000001 000000c0
              00000bb8 00000002 02000000 00000000
          00000050 74726166
            00000010 74666864 00020000 00000002
            00000014 74666474 01000000 00000000 0000bb80
            00000024 7472756e 01000f01 00000001 000000c2
              00000400 00000001 02000000 00000000
        0000000b 6d646174 010203`),
    );
  });
});

describe("init segment", () => {
  it("mp4a sample entry with its esds", () => {
    expect(audioSampleEntry(audio).toString("hex")).toBe(
      hex(`
        0000004b 6d703461 000000000000 0001 0000000000000000 0002 0010 00000000 bb800000
          00000027 65736473 00000000
            03 19 0000 00
              04 11 40 15 000000 00000000 00000000
                05 02 1190
              06 01 02`),
    );
  });

  it("starts with ftyp iso5 / cmfc", () => {
    const init = initSegment({ video, audio: null });
    expect(init.subarray(0, 32).toString("hex")).toBe(
      hex("00000020 66747970 69736f35 00000000 69736f35 69736f36 636d6663 6d703431"),
    );
  });

  it("has the CMAF box tree: a trak per track with empty sample tables, mvex/trex", () => {
    const init = initSegment({ video, audio });
    const trak = (media: string, entry: string[]): string[] =>
      [
        "",
        "/tkhd",
        "/mdia",
        "/mdia/mdhd",
        "/mdia/hdlr",
        "/mdia/minf",
        `/mdia/minf/${media}`,
        "/mdia/minf/dinf",
        "/mdia/minf/dinf/dref",
        "/mdia/minf/stbl",
        "/mdia/minf/stbl/stsd",
        ...entry.map((e) => `/mdia/minf/stbl/stsd/${e}`),
        "/mdia/minf/stbl/stts",
        "/mdia/minf/stbl/stsc",
        "/mdia/minf/stbl/stsz",
        "/mdia/minf/stbl/stco",
      ].map((p) => `moov/trak${p}`);
    expect(boxTree(init)).toEqual([
      "ftyp",
      "moov",
      "moov/mvhd",
      ...trak("vmhd", ["avc1", "avc1/avcC"]),
      ...trak("smhd", ["mp4a", "mp4a/esds"]),
      "moov/mvex",
      "moov/mvex/trex",
      "moov/mvex/trex",
    ]);
    const at = (type: string, n = 0): number => {
      let i = -1;
      for (let k = 0; k <= n; k++) i = init.indexOf(type, i + 1, "latin1");
      return i;
    };
    // mdhd timescales: 90 kHz video, the sample rate for audio.
    expect(init.readUInt32BE(at("mdhd") + 4 + 4 + 8)).toBe(90000);
    expect(init.readUInt32BE(at("mdhd", 1) + 4 + 4 + 8)).toBe(48000);
    // tkhd: track ids 1 and 2, video width/height as 16.16.
    expect(init.readUInt32BE(at("tkhd") + 4 + 4 + 8)).toBe(1);
    expect(init.readUInt32BE(at("tkhd", 1) + 4 + 4 + 8)).toBe(2);
    expect(init.readUInt32BE(at("tkhd") + 4 + 76)).toBe(320 << 16);
    expect(init.readUInt32BE(at("tkhd") + 4 + 80)).toBe(180 << 16);
    // The avcC box carries the record unchanged.
    expect(init.subarray(at("avcC") + 4, at("avcC") + 4 + video.config.length).equals(video.config)).toBe(true);
    // trex: track 2 defaults to sample description 1.
    expect(init.readUInt32BE(at("trex", 1) + 8)).toBe(2);
    expect(init.readUInt32BE(at("trex", 1) + 12)).toBe(1);
  });

  it("uses hvc1/hvcC for H.265", () => {
    const init = initSegment({ video: { ...video, codec: "h265", codecString: "hvc1.1.6.L93.B0" }, audio: null });
    expect(boxTree(init)).toContain("moov/trak/mdia/minf/stbl/stsd/hvc1/hvcC");
  });
});

const CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "dinf", "stbl", "mvex"]);
/** Header sizes before child boxes for boxes that hold children after some fields. */
const WITH_FIELDS: Record<string, number> = { stsd: 8, avc1: 78, hvc1: 78, mp4a: 28 };

function boxTree(buf: Buffer, prefix = ""): string[] {
  const out: string[] = [];
  for (let o = 0; o + 8 <= buf.length; ) {
    const size = buf.readUInt32BE(o);
    const type = buf.toString("latin1", o + 4, o + 8);
    if (size < 8 || o + size > buf.length) throw new Error(`bad box ${type} size ${size} at ${o}`);
    const path = prefix + type;
    out.push(path);
    const body = buf.subarray(o + 8, o + size);
    if (CONTAINERS.has(type)) out.push(...boxTree(body, `${path}/`));
    const skip = WITH_FIELDS[type];
    if (skip !== undefined) out.push(...boxTree(body.subarray(skip), `${path}/`));
    o += size;
  }
  return out;
}
