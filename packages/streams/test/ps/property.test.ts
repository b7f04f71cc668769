// Garbage never throws: the PS demuxer, the PS → MediaSink adapter and the RTP receiver take random bytes,
// random mutations of a real device stream and random chunking, and answer with errors as data.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeFrames } from "../../../../e2e/support/gb-sim/media/encode";
import { muxFrame } from "../../../../e2e/support/gb-sim/media/psMux";
import { newSender, packetize } from "../../../../e2e/support/gb-sim/media/rtp";
import { RtpPsReceiver } from "../../src/gb/rtp-ps-receiver";
import { PsDemuxer } from "../../src/ps/demuxer";
import { PsToSink } from "../../src/ps/ps-to-sink";
import { Recorder } from "./pipeline";

const stream = Buffer.concat(
  encodeFrames({ codec: "h264", seconds: 1, gop: 10 }).map((f) => muxFrame(f, { codec: "h264", maxPes: 3000 })),
);

describe("garbage in, errors out", () => {
  it("the demuxer survives any bytes in any chunks", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (chunks) => {
        let errors = 0;
        const d = new PsDemuxer({ psm: () => {}, pes: () => {}, error: () => errors++ });
        for (const c of chunks) d.push(Buffer.from(c));
        expect(errors).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("a real stream with random bytes flipped, cut anywhere, never throws and keeps timestamps rising", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(stream.length - 1), value: fc.nat(255) }), { maxLength: 30 }),
        fc.array(fc.nat(stream.length), { maxLength: 40 }),
        (flips, cuts) => {
          const bytes = Buffer.from(stream);
          for (const f of flips) bytes[f.at] = f.value;
          const rec = new Recorder();
          const ps = new PsToSink(rec);
          let at = 0;
          for (const c of [...new Set(cuts)].sort((a, b) => a - b).concat(bytes.length)) {
            ps.push(bytes.subarray(at, c), { timestamp: 0, marker: false });
            at = c;
          }
          for (const u of rec.units) expect(Number.isFinite(u.dts) && Number.isFinite(u.pts)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("the receiver drops what is not RTP of its SSRC and counts it", () => {
    const s = newSender(7);
    const good = packetize(s, stream.subarray(0, 5000), 0);
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 60 }), { maxLength: 30 }), (junk) => {
        const rx = new RtpPsReceiver(new Recorder(), { ssrc: 7, now: () => 0 });
        for (const j of junk) rx.packet(Buffer.from(j));
        const foreign = Buffer.from(good[0]!);
        foreign.writeUInt32BE(8, 8);
        rx.packet(foreign);
        for (const g of good) rx.packet(g);
        const st = rx.stats();
        expect(st.foreignSsrc).toBeGreaterThanOrEqual(1);
        const accepted = (j: Uint8Array) =>
          j.length >= 12 && j[0]! >> 6 === 2 && (j[1]! & 0x7f) === 96 && Buffer.from(j).readUInt32BE(8) === 7;
        // Junk that happens to be a well-formed RTP packet of our SSRC is accepted like any other.
        expect(st.packets).toBe(good.length + junk.filter(accepted).length);
      }),
    );
  });
});
