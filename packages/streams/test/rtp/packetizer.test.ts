// The RTP packetiser byte for byte (header fields, MTU, marker on the frame's last packet, sequence wrap,
// 32-bit timestamp wrap), RFC 4571 framing read back by our deframer, and the round trip muxer →
// packetiser → our receiver as a property (random frames, PES sizes, MTUs, first sequence numbers).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RtpPsReceiver } from "../../src/gb/rtp-ps-receiver";
import { PsMuxer } from "../../src/ps/muxer";
import { parseRtp } from "../../src/rtp/packet";
import { framed, RtpPacketizer } from "../../src/rtp/packetizer";
import { Rfc4571Deframer } from "../../src/rtp/rfc4571";
import { encodedClip } from "../ps/encoded";
import { Recorder } from "../ps/pipeline";

const parse = (b: Buffer) => {
  const r = parseRtp(b);
  if (!r.ok) throw new Error(r.error.message);
  return r.packet;
};

describe("RtpPacketizer", () => {
  it("the fixed header, byte for byte", () => {
    const p = new RtpPacketizer({ ssrc: 0x0badcafe, firstSeq: 0x1234 }).packets(Buffer.from([1, 2, 3]), 0x01020304);
    expect(p).toEqual([Buffer.from([0x80, 0xe0, 0x12, 0x34, 0x01, 0x02, 0x03, 0x04, 0x0b, 0xad, 0xca, 0xfe, 1, 2, 3])]);
  });

  it.each([
    [1, 1],
    [1388, 1],
    [1389, 2],
    [10_000, 8],
  ])("%i payload bytes at MTU 1400 → %i packets, none larger, marker on the last only", (size, count) => {
    const payload = Buffer.alloc(size, 7);
    const packets = new RtpPacketizer({ ssrc: 1 }).packets(payload, 90);
    expect(packets).toHaveLength(count);
    expect(packets.every((b) => b.length <= 1400)).toBe(true);
    expect(packets.map((b) => parse(b).marker)).toEqual(packets.map((_, i) => i === count - 1));
    expect(Buffer.concat(packets.map((b) => parse(b).payload)).equals(payload)).toBe(true);
    expect(packets.every((b) => parse(b).payloadType === 96 && parse(b).timestamp === 90)).toBe(true);
  });

  it("sequence numbers run on across frames and wrap at 65536; timestamps wrap at 2^32", () => {
    const r = new RtpPacketizer({ ssrc: 9, firstSeq: 65_534, mtu: 112, payloadType: 97 });
    const a = r.packets(Buffer.alloc(250), 2 ** 32 + 5).map(parse);
    const b = r.packets(Buffer.alloc(10), -1).map(parse);
    expect([...a, ...b].map((p) => p.seq)).toEqual([65_534, 65_535, 0, 1]);
    expect(a.map((p) => p.timestamp)).toEqual([5, 5, 5]);
    expect(b[0]).toMatchObject({ timestamp: 2 ** 32 - 1, payloadType: 97, ssrc: 9, marker: true });
    expect(r.nextSeq).toBe(2);
  });

  it("RFC 4571: each packet behind its 16-bit length; the deframer gets them back in any chunking", () => {
    const packets = new RtpPacketizer({ ssrc: 3 }).packets(Buffer.alloc(5000, 1), 0);
    const wire = framed(packets);
    expect(wire.length).toBe(packets.reduce((n, p) => n + 2 + p.length, 0));
    expect(wire.readUInt16BE(0)).toBe(1400);
    const got: Buffer[] = [];
    const d = new Rfc4571Deframer((p) => got.push(Buffer.from(p)));
    for (let i = 0; i < wire.length; i += 333) d.push(wire.subarray(i, i + 333));
    expect(got).toEqual(packets);
    expect(d.buffered).toBe(0);
  });
});

describe("muxer → packetiser → receiver (property)", () => {
  const { track, units } = encodedClip({ codec: "h264", seconds: 1, bframes: 0 });

  it("any PES size, MTU and first sequence number: every frame arrives with its timestamps", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 70_000 }),
        fc.integer({ min: 100, max: 1500 }),
        fc.nat(0xffff),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (maxPesPayload, mtu, firstSeq, ssrc) => {
          const mux = new PsMuxer(track, { maxPesPayload });
          const rtp = new RtpPacketizer({ ssrc, mtu, firstSeq });
          const rec = new Recorder();
          let now = 0;
          const rx = new RtpPsReceiver(rec, { ssrc, now: () => now });
          for (const u of units) {
            const frame = mux.frame({ pts: u.pts * 90, dts: u.dts * 90, key: u.key, data: u.data });
            for (const p of rtp.packets(frame, u.dts * 90)) rx.packet(p);
            now += 40;
          }
          expect(rec.units.map((u) => u.dts)).toEqual(units.map((u) => u.dts));
          expect(rec.units.every((u, i) => u.data.equals(units[i]!.data))).toBe(true);
          expect(rx.stats().rtp.lost).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });
});
