// FlvDemuxer: golden tags in, TrackSet/AccessUnits/errors out; random input never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FlvDemuxer } from "../../src/flv/demuxer";
import type { FlvError } from "../../src/flv/flv-error";
import type { AccessUnit, TrackSet } from "../../src/media/types";
import {
  AVCC_320x180,
  aacConfigTag,
  aacFrameTag,
  avcConfigTag,
  avcFrameTag,
  FLV_HEADER,
  HVCC_320x180,
  NALU,
  scriptTag,
  tag,
} from "./fixtures";

type Out = { tracks: TrackSet[]; units: AccessUnit[]; errors: FlvError[] };

function demux(chunks: Buffer[]): Out {
  const out: Out = { tracks: [], units: [], errors: [] };
  const d = new FlvDemuxer({
    tracks: (t) => out.tracks.push(t),
    unit: (u) => out.units.push(u),
    error: (e) => out.errors.push(e),
  });
  for (const c of chunks) d.push(c);
  return out;
}

const stream = Buffer.concat([
  FLV_HEADER,
  scriptTag(),
  aacConfigTag(),
  avcConfigTag(),
  avcFrameTag(0, true, 40),
  aacFrameTag(10),
  avcFrameTag(40, false, 80),
]);

describe("FlvDemuxer golden bytes", () => {
  it("builds tags byte for byte (type, size, ts24, ts ext, stream id, body, PreviousTagSize)", () => {
    expect(aacConfigTag(0x01020304).toString("hex")).toBe("0800000402030401000000af0012100000000f");
  });

  it("announces ONE TrackSet before the first frame, then frames with pts = dts + cts", () => {
    const out = demux([stream]);
    expect(out.errors).toEqual([]);
    expect(out.tracks).toHaveLength(1);
    expect(out.tracks[0]!.video).toMatchObject({ codec: "h264", width: 320, height: 180, codecString: "avc1.42c00c" });
    expect(out.tracks[0]!.video!.config.equals(AVCC_320x180)).toBe(true);
    expect(out.tracks[0]!.audio).toMatchObject({
      codec: "aac",
      sampleRate: 44100,
      channels: 2,
      codecString: "mp4a.40.2",
    });
    expect(out.units.map((u) => [u.kind, u.dts, u.pts, u.key])).toEqual([
      ["video", 0, 40, true],
      ["audio", 10, 10, true],
      ["video", 40, 120, false],
    ]);
    expect(out.units[0]!.data.equals(NALU)).toBe(true);
    expect(out.units[1]!.data.toString("hex")).toBe("211005");
  });

  it.each([
    ["without a file header (as NMS live tags after the first publish)", [avcConfigTag(), avcFrameTag(5, true)], 5],
    ["an extended timestamp (upper 8 bits in byte 7)", [avcConfigTag(), avcFrameTag(0x01000010, true)], 0x01000010],
    ["a timestamp above 2^31", [avcConfigTag(), avcFrameTag(0xfffffff0, true)], 0xfffffff0],
  ])("reads %s", (_name, tags, dts) => {
    const out = demux([Buffer.concat(tags)]);
    expect(out.units[0]?.dts).toBe(dts);
  });

  it("reads a negative composition time (SI24)", () => {
    const out = demux([Buffer.concat([avcConfigTag(), avcFrameTag(100, true, -40)])]);
    expect(out.units[0]?.pts).toBe(60);
  });

  it("reads legacy HEVC (codec id 12)", () => {
    const cfg = tag(9, 0, Buffer.concat([Buffer.from([0x1c, 0, 0, 0, 0]), HVCC_320x180]));
    const frame = tag(9, 0, Buffer.concat([Buffer.from([0x1c, 1, 0, 0, 0]), NALU]));
    const out = demux([Buffer.concat([cfg, frame])]);
    expect(out.errors).toEqual([]);
    expect(out.tracks[0]?.video).toMatchObject({
      codec: "h265",
      width: 320,
      height: 180,
      codecString: "hvc1.1.6.L60.90",
    });
    expect(out.units[0]).toMatchObject({ kind: "video", key: true, dts: 0 });
  });

  it("reads enhanced FLV hvc1: SequenceStart, CodedFrames (with cts) and CodedFramesX", () => {
    const hvc1 = Buffer.from("hvc1");
    const cfg = tag(9, 0, Buffer.concat([Buffer.from([0x90]), hvc1, HVCC_320x180]));
    const coded = tag(9, 40, Buffer.concat([Buffer.from([0x91]), hvc1, Buffer.from([0, 0, 40]), NALU]));
    const codedX = tag(9, 80, Buffer.concat([Buffer.from([0xa3]), hvc1, NALU]));
    const out = demux([Buffer.concat([cfg, coded, codedX])]);
    expect(out.errors).toEqual([]);
    expect(out.tracks[0]?.video?.codec).toBe("h265");
    expect(out.units.map((u) => [u.dts, u.pts, u.key, u.data.equals(NALU)])).toEqual([
      [40, 80, true, true],
      [80, 80, false, true],
    ]);
  });

  it("reports a frame before its config once, then recovers when the config arrives", () => {
    const out = demux([
      Buffer.concat([avcFrameTag(0, true), avcFrameTag(40, false), avcConfigTag(), avcFrameTag(80, true)]),
    ]);
    expect(out.errors.map((e) => e.code)).toEqual(["flv_no_config"]);
    expect(out.units.map((u) => u.dts)).toEqual([80]);
  });

  it.each([
    ["VP6 video", tag(9, 0, Buffer.from([0x14, 0, 0, 0, 0])), "flv_unsupported", "video.codecId"],
    [
      "enhanced av01",
      tag(9, 0, Buffer.concat([Buffer.from([0x90]), Buffer.from("av01")])),
      "flv_unsupported",
      "video.fourcc",
    ],
    ["a truncated AVC tag", tag(9, 0, Buffer.from([0x17, 1])), "flv_tag", "video"],
    ["an unreadable avcC", tag(9, 0, Buffer.from([0x17, 0, 0, 0, 0, 1, 2])), "flv_config", "video.config"],
  ])("reports %s as data and keeps going", (_name, bad, code, field) => {
    const out = demux([Buffer.concat([bad, avcConfigTag(), avcFrameTag(0, true)])]);
    expect(out.errors).toMatchObject([{ code, field }]);
    expect(out.units).toHaveLength(1);
  });

  it.each([
    ["G.711 A-law", Buffer.from([0x72, 0xd5, 0xd5]), "pcm_alaw"],
    ["G.711 µ-law", Buffer.from([0x82, 0xff, 0xff]), "pcm_mulaw"],
    ["MP3", Buffer.from([0x2f, 0xff]), "mp3"],
    ["enhanced Opus", Buffer.concat([Buffer.from([0x91]), Buffer.from("Opus"), Buffer.from([1])]), "Opus"],
  ])("drops %s audio without an error, naming its codec once", (_name, body, codec) => {
    const audio: Array<{ codec: string; carried: boolean }> = [];
    const out: Out = { tracks: [], units: [], errors: [] };
    const d = new FlvDemuxer({
      tracks: (t) => out.tracks.push(t),
      unit: (u) => out.units.push(u),
      error: (e) => out.errors.push(e),
      audio: (a) => audio.push(a),
    });
    d.push(Buffer.concat([avcConfigTag(), tag(8, 0, body), avcFrameTag(0, true), tag(8, 20, body), tag(8, 40, body)]));
    expect(out.errors).toEqual([]);
    expect(out.units.map((u) => u.kind)).toEqual(["video"]);
    expect(out.tracks.at(-1)?.audio).toBeNull();
    expect(audio).toEqual([{ codec, carried: false }]);
    d.resetTracks(); // a new upstream says it again
    d.push(tag(8, 60, body));
    expect(audio).toHaveLength(2);
  });

  it("names AAC as carried once its configuration arrives", () => {
    const audio: Array<{ codec: string; carried: boolean }> = [];
    const d = new FlvDemuxer({ tracks: () => {}, unit: () => {}, audio: (a) => audio.push(a) });
    d.push(stream);
    expect(audio).toEqual([{ codec: "aac", carried: true }]);
  });

  it("stops on a framing error until reset()", () => {
    const broken = avcConfigTag();
    broken.writeUInt32BE(999, broken.length - 4);
    const out = demux([Buffer.concat([broken, avcFrameTag(0, true)])]);
    expect(out.errors.map((e) => e.code)).toEqual(["flv_framing"]);
    expect(out.units).toEqual([]);
  });

  it("re-announces identical config after resetTracks() (a new upstream)", () => {
    const out: TrackSet[] = [];
    const d = new FlvDemuxer({ tracks: (t) => out.push(t), unit: () => {} });
    d.push(Buffer.concat([avcConfigTag(), avcFrameTag(0, true), avcConfigTag(), avcFrameTag(40, true)]));
    expect(out).toHaveLength(1); // the resent, identical config is not a change
    d.resetTracks();
    d.push(Buffer.concat([avcConfigTag(), avcFrameTag(0, true)]));
    expect(out).toHaveLength(2);
  });
});

describe("FlvDemuxer properties", () => {
  it("any chunking of a stream yields the same output", () => {
    const whole = demux([stream]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 20 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const chunks = points.slice(1).map((end, i) => stream.subarray(points[i], end));
        expect(demux(chunks)).toEqual(whole);
      }),
    );
  });

  it("random bytes never throw (errors are data)", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (chunks) => {
        demux(chunks.map((c) => Buffer.from(c)));
      }),
      { numRuns: 500 },
    );
  });

  it("a valid stream with corrupted bytes never throws", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(stream.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 10 }),
        (flips) => {
          const b = Buffer.from(stream);
          for (const [at, v] of flips) b[at] = v;
          demux([b]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
