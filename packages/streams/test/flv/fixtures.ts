// Golden FLV building blocks. The decoder configuration records were produced by ffmpeg 5.1
// (libx264 / libx265, testsrc2 320x180) and trimmed (hvcC: SEI array dropped).
export const AVCC_320x180 = Buffer.from(
  "0142c00cffe100176742c00cda05067e7c0440000003004000000c83c50aa801000468ce0fc8",
  "hex",
);
export const HVCC_320x180 = Buffer.from(
  "0101600000009000000000003cf000fcfdf8f800000f03200001001840010c01ffff01600000030090000003000003003c959809" +
    "210001002b42010101600000030090000003000003003ca00a080b9f796566924caf016808000003000800000300c84022" +
    "000100074401c172b46240",
  "hex",
);
/** AAC-LC, 44.1 kHz, stereo. */
export const ASC_LC_44100_2 = Buffer.from([0x12, 0x10]);

/** FLV file header (audio + video) followed by PreviousTagSize0. */
export const FLV_HEADER = Buffer.from("464c5601050000000900000000", "hex");

/** One FLV tag + its PreviousTagSize, timestamp split into 24 bits + 8-bit extension. */
export function tag(type: 8 | 9 | 18, ts: number, body: Buffer): Buffer {
  const out = Buffer.alloc(11 + body.length + 4);
  out[0] = type;
  out.writeUIntBE(body.length, 1, 3);
  out.writeUIntBE(ts & 0xffffff, 4, 3);
  out[7] = (ts >>> 24) & 0xff;
  body.copy(out, 11);
  out.writeUInt32BE(11 + body.length, 11 + body.length);
  return out;
}

const si24 = (v: number) => Buffer.from([(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff]);
export const NALU = Buffer.from([0, 0, 0, 3, 0x65, 0x88, 0x84]); // one 3-byte IDR slice, 4-byte length

export const avcConfigTag = (ts = 0) => tag(9, ts, Buffer.concat([Buffer.from([0x17, 0, 0, 0, 0]), AVCC_320x180]));
export const avcFrameTag = (ts: number, key: boolean, cts = 0, data = NALU) =>
  tag(9, ts, Buffer.concat([Buffer.from([key ? 0x17 : 0x27, 1]), si24(cts), data]));
export const aacConfigTag = (ts = 0) => tag(8, ts, Buffer.concat([Buffer.from([0xaf, 0]), ASC_LC_44100_2]));
export const aacFrameTag = (ts: number) => tag(8, ts, Buffer.from([0xaf, 1, 0x21, 0x10, 0x05]));
export const scriptTag = (ts = 0) => tag(18, ts, Buffer.from([0x02, 0x00, 0x0a, ...Buffer.from("onMetaData"), 0x05]));
