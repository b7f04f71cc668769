// RFC 6184 depacketising (a GB device that answered raw H.264): single NALs, STAP-A, FU-A, and what loss
// and garbage do to them — table-driven, the same tables fed to a property test (garbage never throws).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AccessUnit, MediaSink, TrackSet } from "../../src/media/types";
import { H264Depacketizer } from "../../src/rtp/h264-depacketizer";
import { H264RtpToSink } from "../../src/rtp/h264-to-sink";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");
const run = (payloads: (Buffer | "gap")[]) => {
  const nals: string[] = [];
  const d = new H264Depacketizer((n) => nals.push(n.toString("hex")));
  for (const p of payloads) p === "gap" ? d.gap() : d.push(p);
  return { nals, stats: d.stats };
};

describe("H264Depacketizer", () => {
  it.each([
    ["a single NAL unit packet", [hex("65 88 84 00")], ["65888400"], {}],
    ["a STAP-A with SPS and PPS", [hex("78 0003 674d00 0002 68ee")], ["674d00", "68ee"], {}],
    [
      "an FU-A in three fragments (NAL header rebuilt from indicator and header)",
      [hex("7c 85 aa bb"), hex("7c 05 cc"), hex("7c 45 dd ee")],
      ["65aabbccddee"],
      {},
    ],
    ["FU-A fragments without their start", [hex("7c 05 cc"), hex("7c 45 dd")], [], { brokenFragments: 2 }],
    [
      "a gap inside an FU-A drops that NAL only",
      [hex("7c 85 aa"), "gap", hex("7c 45 dd"), hex("41 9a")],
      ["419a"],
      { brokenFragments: 2 },
    ],
    ["a STAP-A whose size runs past its end", [hex("78 0009 6742")], [], { malformed: 1 }],
    ["interleaved types (MTAP16, FU-B) are not taken", [hex("7a 00 01"), hex("7d 85 00")], [], { unsupported: 2 }],
  ] as const)("%s", (_what, payloads, want, stats) => {
    const r = run([...payloads]);
    expect(r.nals).toEqual(want);
    expect(r.stats).toMatchObject(stats);
  });

  it("garbage never throws and never yields an empty NAL", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constant(null)), { maxLength: 30 }), (xs) => {
        const r = run(xs.map((x) => (x === null ? "gap" : Buffer.from(x))));
        expect(r.nals.every((n) => n.length > 0)).toBe(true);
      }),
    );
  });
});

describe("H264RtpToSink", () => {
  // SPS/PPS of a 320×180 x264 stream would be needed for a real track; the frame cutting is what is
  // checked here: three frames by timestamp, the key frame first, timestamps in ms.
  const sps = hex("67640014acd9414164 2000000300200000064 1e2c5b2c");
  const pps = hex("68ebe3cb22c0");
  class Sink implements MediaSink {
    configs: TrackSet[] = [];
    units: AccessUnit[] = [];
    config(t: TrackSet) {
      this.configs.push(t);
    }
    unit(u: AccessUnit) {
      this.units.push(u);
    }
    discontinuity() {}
    end() {}
  }
  const pkt = (payload: Buffer, timestamp: number, marker: boolean) => [payload, { timestamp, marker }] as const;

  it("cuts frames at timestamp changes (then, once markers proved to end frames, at the marker); times in ms", () => {
    const sink = new Sink();
    const s = new H264RtpToSink(sink);
    const stap = Buffer.concat([
      hex("78"),
      hex("00"),
      Buffer.from([sps.length]),
      sps,
      hex("00"),
      Buffer.from([pps.length]),
      pps,
    ]);
    for (const [p, i] of [
      pkt(stap, 9000, false),
      pkt(hex("65 88 84 00 00 03"), 9000, true),
      pkt(hex("41 9a 00 10"), 12600, true),
      pkt(hex("41 9a 00 20"), 16200, true),
      pkt(hex("41 9a 00 30"), 19800, true),
    ])
      s.push(p, i);
    expect(sink.units.map((u) => [u.pts, u.key])).toEqual([
      [100, true],
      [140, false],
      [180, false],
      [220, false], // out at its own marker: three markers fell on frame ends before it
    ]);
    expect(sink.configs[0]?.video?.codec).toBe("h264");
  });
});
