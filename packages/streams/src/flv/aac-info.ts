// AudioSpecificConfig (ISO/IEC 14496-3) reading: object type, sample rate and channel count.
// Owns only that; null on a config too short or with a reserved sampling index.
import { BitReader } from "./bit-reader";

export interface AudioInfo {
  sampleRate: number;
  channels: number;
  codecString: string;
}

const RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

export function parseAudioSpecificConfig(asc: Buffer): AudioInfo | null {
  if (asc.length < 2) return null;
  const r = new BitReader(asc);
  let aot = r.bits(5);
  if (aot === 31) aot = 32 + r.bits(6);
  const index = r.bits(4);
  const sampleRate = index === 15 ? r.bits(24) : RATES[index];
  const channels = r.bits(4);
  if (r.overrun || sampleRate === undefined || sampleRate === 0 || aot === 0) return null;
  return { sampleRate, channels, codecString: `mp4a.40.${aot}` };
}
