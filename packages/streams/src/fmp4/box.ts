// ISO BMFF box building for the init segment: small helpers that return whole boxes as Buffers. Used once
// per codec configuration, so clarity beats speed here; the per-part fragment writer does not use it.

export function u8(v: number): Buffer {
  return Buffer.from([v & 0xff]);
}

export function u16(v: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeUInt16BE(v & 0xffff);
  return b;
}

export function u32(v: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(v >>> 0);
  return b;
}

export function zeros(n: number): Buffer {
  return Buffer.alloc(n);
}

export function fourcc(type: string): Buffer {
  if (type.length !== 4) throw new Error(`box type must be 4 characters: ${type}`);
  return Buffer.from(type, "latin1");
}

export function box(type: string, ...payload: Buffer[]): Buffer {
  const size = 8 + payload.reduce((n, p) => n + p.length, 0);
  return Buffer.concat([u32(size), fourcc(type), ...payload], size);
}

export function fullBox(type: string, version: number, flags: number, ...payload: Buffer[]): Buffer {
  return box(type, u32(((version & 0xff) << 24) | (flags & 0xffffff)), ...payload);
}

/** The unity transformation matrix of mvhd/tkhd. */
export const UNITY_MATRIX = Buffer.concat([
  u32(0x00010000),
  u32(0),
  u32(0),
  u32(0),
  u32(0x00010000),
  u32(0),
  u32(0),
  u32(0),
  u32(0x40000000),
]);
