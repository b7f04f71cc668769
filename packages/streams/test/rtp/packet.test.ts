// RTP header parsing (golden bytes, table of malformed packets) and RFC 4571 framing in any chunking.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRtp, seqDelta } from "../../src/rtp/packet";
import { frame4571, Rfc4571Deframer } from "../../src/rtp/rfc4571";

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");

describe("parseRtp", () => {
  it("reads the fixed header of a PS packet (marker, PT 96, seq, timestamp, SSRC) and its payload", () => {
    const r = parseRtp(hex("80e0 03e8 00015f90 3b9aca07  000001ba"));
    expect(r).toEqual({
      ok: true,
      packet: {
        marker: true,
        payloadType: 96,
        seq: 1000,
        timestamp: 90000,
        ssrc: 1_000_000_007,
        payload: hex("000001ba"),
      },
    });
  });

  it("skips CSRCs and a header extension, and removes padding", () => {
    // CC=1, X=1, P=1: one CSRC, a 1-word extension, payload "aabb", 2 bytes of padding.
    const r = parseRtp(hex("b1 60 0001 00000000 00000001  00000002  bede0001 11223344  aabb 0002"));
    expect(r.ok && r.packet.payload).toEqual(hex("aabb"));
  });

  it.each([
    ["shorter than a header", "8060 0001", "rtp_short"],
    ["version 1", "4060 0001 00000000 00000001", "rtp_version"],
    ["extension cut off", "9060 0001 00000000 00000001 bede", "rtp_layout"],
    ["padding count 0", "a060 0001 00000000 00000001 aa00", "rtp_layout"],
    ["padding longer than the payload", "a060 0001 00000000 00000001 aa09", "rtp_layout"],
    ["CSRCs past the end", "8f60 0001 00000000 00000001", "rtp_layout"],
  ])("%s → %s", (_name, bytes, code) => {
    const r = parseRtp(hex(bytes));
    expect(r.ok ? "parsed" : r.error.code).toBe(code);
  });

  it("never throws on garbage", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const r = parseRtp(Buffer.from(bytes));
        if (r.ok) expect(r.packet.payload.length).toBeLessThanOrEqual(bytes.length - 12);
      }),
    );
  });

  it("seqDelta walks the 16-bit circle", () => {
    expect([seqDelta(65535, 0), seqDelta(0, 65535), seqDelta(10, 20), seqDelta(20, 10)]).toEqual([1, -1, 10, -10]);
  });
});

describe("RFC 4571 deframer", () => {
  const packets = [hex("80600001"), hex("aa"), Buffer.alloc(1500, 7), hex("0102")];
  const stream = Buffer.concat([...packets.map(frame4571), hex("0000") /* empty frame: skipped */]);

  it("gives the same packets whatever the chunking", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const got: Buffer[] = [];
        const d = new Rfc4571Deframer((p) => got.push(Buffer.from(p)));
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        let at = 0;
        for (const c of [...points, stream.length]) {
          d.push(stream.subarray(at, c));
          at = c;
        }
        expect(got).toEqual(packets);
        expect(d.buffered).toBe(0);
      }),
    );
  });

  it("keeps a partial frame for the next chunk and copes with any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        let total = 0;
        const d = new Rfc4571Deframer((p) => {
          total += 2 + p.length;
        });
        d.push(Buffer.from(bytes));
        expect(total + d.buffered).toBeLessThanOrEqual(bytes.length);
      }),
    );
  });

  it("refuses to frame more than 65535 bytes", () => {
    expect(() => frame4571(Buffer.alloc(70_000))).toThrow(RangeError);
  });
});
