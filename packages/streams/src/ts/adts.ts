// AAC in ADTS (ISO/IEC 13818-7 6.2, as MPEG-TS carries it, stream type 0x0F): splits a PES payload into raw
// AAC frames and derives the AudioSpecificConfig the fMP4 init needs. Pure; malformed bytes end the split.
import { AAC_SAMPLE_RATES } from "../codec/aac";

export interface AdtsFrame {
  /** The raw AAC frame (no ADTS header). */
  data: Buffer;
  /** AudioSpecificConfig (2 bytes: object type, sampling frequency index, channel configuration). */
  asc: Buffer;
  sampleRate: number;
}

/** Every whole ADTS frame in `payload`, in order. */
export function splitAdts(payload: Buffer): AdtsFrame[] {
  const out: AdtsFrame[] = [];
  let p = 0;
  while (p + 7 <= payload.length) {
    if (payload[p] !== 0xff || (payload[p + 1]! & 0xf6) !== 0xf0) break; // syncword, layer 0
    const protectionAbsent = payload[p + 1]! & 1;
    const profile = payload[p + 2]! >> 6;
    const sfi = (payload[p + 2]! >> 2) & 0x0f;
    const channels = ((payload[p + 2]! & 1) << 2) | (payload[p + 3]! >> 6);
    const length = ((payload[p + 3]! & 3) << 11) | (payload[p + 4]! << 3) | (payload[p + 5]! >> 5);
    const header = protectionAbsent ? 7 : 9;
    const sampleRate = AAC_SAMPLE_RATES[sfi];
    if (length < header || p + length > payload.length || sampleRate === undefined) break;
    const objectType = profile + 1;
    const asc = Buffer.from([(objectType << 3) | (sfi >> 1), ((sfi & 1) << 7) | (channels << 3)]);
    out.push({ data: payload.subarray(p + header, p + length), asc, sampleRate });
    p += length;
  }
  return out;
}
