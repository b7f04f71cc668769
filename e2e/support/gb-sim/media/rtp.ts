// GB simulator, media: RTP packetisation of a PS stream (RFC 3550 header, payload type 96, one frame's PS
// bytes split into packets of at most `mtu` bytes, marker on the frame's last packet), RFC 4571 length
// framing for TCP, and a seeded network impairment (loss and reordering) for tests. Shares no code with
// the gateway.

export interface RtpSender {
  ssrc: number;
  seq: number;
  payloadType: number;
  mtu: number;
}

export function newSender(ssrc: number, seq = 1000, mtu = 1400): RtpSender {
  return { ssrc: ssrc >>> 0, seq: seq & 0xffff, payloadType: 96, mtu };
}

/** Splits one frame's PS bytes into RTP packets; marks the last one unless `marker` is false. */
export function packetize(s: RtpSender, ps: Buffer, timestamp90: number, marker = true): Buffer[] {
  const out: Buffer[] = [];
  for (let off = 0; off < ps.length; off += s.mtu) {
    const chunk = ps.subarray(off, off + s.mtu);
    const last = off + s.mtu >= ps.length;
    const h = Buffer.alloc(12);
    h[0] = 0x80;
    h[1] = (last && marker ? 0x80 : 0) | s.payloadType;
    h.writeUInt16BE(s.seq, 2);
    h.writeUInt32BE(Math.floor(timestamp90) >>> 0, 4);
    h.writeUInt32BE(s.ssrc, 8);
    s.seq = (s.seq + 1) & 0xffff;
    out.push(Buffer.concat([h, chunk]));
  }
  return out;
}

/**
 * One H.264 frame as RFC 6184 packets (non-interleaved mode), for a device that answers `98 H264/90000`:
 * small NALs in a row (SPS, PPS) together in one STAP-A, a NAL over the MTU in FU-A fragments, others alone;
 * the marker on the frame's last packet. Written from the RFC, independently of the gateway.
 */
export function packetizeH264(s: RtpSender, nals: Buffer[], timestamp90: number): Buffer[] {
  const payloads: Buffer[] = [];
  let small: Buffer[] = [];
  const flushSmall = () => {
    if (small.length === 1) payloads.push(small[0]!);
    else if (small.length > 1) {
      const nri = Math.max(...small.map((n) => n[0]! & 0x60));
      const parts: Buffer[] = [Buffer.from([nri | 24])];
      for (const n of small) {
        const size = Buffer.alloc(2);
        size.writeUInt16BE(n.length, 0);
        parts.push(size, n);
      }
      payloads.push(Buffer.concat(parts));
    }
    small = [];
  };
  for (const nal of nals) {
    if (nal.length < 200) {
      small.push(nal);
      continue;
    }
    flushSmall();
    if (nal.length <= s.mtu) {
      payloads.push(nal);
      continue;
    }
    const indicator = (nal[0]! & 0xe0) | 28;
    const type = nal[0]! & 0x1f;
    const body = nal.subarray(1);
    for (let off = 0; off < body.length; off += s.mtu - 2) {
      const start = off === 0;
      const end = off + s.mtu - 2 >= body.length;
      const header = (start ? 0x80 : 0) | (end ? 0x40 : 0) | type;
      payloads.push(Buffer.concat([Buffer.from([indicator, header]), body.subarray(off, off + s.mtu - 2)]));
    }
  }
  flushSmall();
  return payloads.map((payload, i) => {
    const h = Buffer.alloc(12);
    h[0] = 0x80;
    h[1] = (i === payloads.length - 1 ? 0x80 : 0) | s.payloadType;
    h.writeUInt16BE(s.seq, 2);
    h.writeUInt32BE(Math.floor(timestamp90) >>> 0, 4);
    h.writeUInt32BE(s.ssrc, 8);
    s.seq = (s.seq + 1) & 0xffff;
    return Buffer.concat([h, payload]);
  });
}

/** RFC 4571: a 16-bit length before each packet. */
export function tcpFrame(packet: Buffer): Buffer {
  const h = Buffer.alloc(2);
  h.writeUInt16BE(packet.length, 0);
  return Buffer.concat([h, packet]);
}

/** mulberry32: a small seeded generator, so an impaired run is the same run every time. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Impairment {
  /** Share of packets dropped, 0..1. */
  loss: number;
  /** Share of packets held back and sent 1..`maxDelay` packets later. */
  reorder: number;
  maxDelay?: number;
}

/** Applies loss and reordering to a packet sequence; returns what the network delivers, and what it dropped. */
export function impair(packets: Buffer[], imp: Impairment, random: () => number): { out: Buffer[]; dropped: number } {
  const out: Buffer[] = [];
  const held: { p: Buffer; release: number }[] = [];
  let dropped = 0;
  packets.forEach((p, i) => {
    const r = random();
    if (r < imp.loss) dropped++;
    else if (r < imp.loss + imp.reorder) held.push({ p, release: i + 1 + Math.floor(random() * (imp.maxDelay ?? 4)) });
    else out.push(p);
    for (let k = held.length - 1; k >= 0; k--) {
      if (held[k]!.release <= i) {
        out.push(held[k]!.p);
        held.splice(k, 1);
      }
    }
  });
  for (const h of held) out.push(h.p);
  return { out, dropped };
}

/** The same impairment over a live stream: packets held back are released among later frames' packets. */
export function liveImpairer(imp: Impairment, random: () => number): (packets: Buffer[]) => Buffer[] {
  let held: { p: Buffer; release: number }[] = [];
  let count = 0;
  return (packets) => {
    const out: Buffer[] = [];
    for (const p of packets) {
      const r = random();
      if (r < imp.loss) {
        // dropped
      } else if (r < imp.loss + imp.reorder)
        held.push({ p, release: count + 1 + Math.floor(random() * (imp.maxDelay ?? 4)) });
      else out.push(p);
      count++;
      const due = held.filter((h) => h.release <= count);
      held = held.filter((h) => h.release > count);
      out.push(...due.map((h) => h.p));
    }
    return out;
  };
}
