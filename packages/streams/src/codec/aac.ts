// AAC: the AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) → sample rate, channels, "mp4a.40.N".
// Reads the first fields only; never throws.
import type { Result } from "@cw/protocol";
import { BitReader } from "./bits";
import { fail, ok } from "./result";

export interface AacConfig {
  objectType: number;
  sampleRate: number;
  channels: number;
  codecString: string;
}

export const AAC_SAMPLE_RATES = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
];

export function parseAudioSpecificConfig(asc: Buffer): Result<AacConfig> {
  if (asc.length < 2) return fail("asc", `AudioSpecificConfig is ${asc.length} bytes; it has at least 2`);
  const r = new BitReader(asc);
  let objectType = r.bits(5);
  if (objectType === 31) objectType = 32 + r.bits(6);
  const freqIndex = r.bits(4);
  const sampleRate = freqIndex === 15 ? r.bits(24) : AAC_SAMPLE_RATES[freqIndex];
  const channelConfig = r.bits(4);
  if (r.overrun) return fail("asc", "AudioSpecificConfig is truncated");
  if (objectType === 0) return fail("asc.objectType", "AudioSpecificConfig has audio object type 0");
  if (sampleRate === undefined || sampleRate === 0)
    return fail("asc.sampleRate", `AudioSpecificConfig has reserved sampling frequency index ${freqIndex}`);
  // Channel configuration 0 means "defined in a program config element"; 7 means 7.1 (8 channels).
  const channels = channelConfig === 7 ? 8 : channelConfig === 0 ? 2 : channelConfig;
  return ok({ objectType, sampleRate, channels, codecString: `mp4a.40.${objectType}` });
}
