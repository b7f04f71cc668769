// Stream ids (ISO/IEC 13818-1 Table 2-22) and the PSM stream_type values GB/T 28181 devices send
// (ISO 13818-1 Table 2-34 plus GB/T 28181-2016 Annex C's 0x80/0x9x). Constants and tiny predicates only.

export const PACK_START = 0xba;
export const SYSTEM_HEADER = 0xbb;
export const PROGRAM_STREAM_MAP = 0xbc;
export const PROGRAM_END = 0xb9;
export const PADDING_STREAM = 0xbe;
export const PRIVATE_STREAM_2 = 0xbf;

/** Stream ids whose PES has no optional header (13818-1 2.4.3.7): PSM, padding, private 2, ECM/EMM, … */
export function pesHasNoHeader(id: number): boolean {
  return (
    id === 0xbc || id === 0xbe || id === 0xbf || id === 0xf0 || id === 0xf1 || id === 0xff || id === 0xf2 || id === 0xf8
  );
}

export const isVideoStreamId = (id: number): boolean => id >= 0xe0 && id <= 0xef;
export const isAudioStreamId = (id: number): boolean => id >= 0xc0 && id <= 0xdf;

/** Any code a PS start code can carry (0xB9..0xFF); lower ones are video elementary-stream codes. */
export const isSystemCode = (code: number): boolean => code >= PROGRAM_END;

export const STREAM_TYPE = {
  mpeg4Video: 0x10,
  aacAdts: 0x0f,
  h264: 0x1b,
  h265: 0x24,
  svacVideo: 0x80,
  g711a: 0x90,
  g711u: 0x91,
  g7221: 0x92,
  g7231: 0x93,
  g729: 0x99,
  svacAudio: 0x9b,
} as const;

export function videoCodecOf(streamType: number): "h264" | "h265" | null {
  if (streamType === STREAM_TYPE.h264) return "h264";
  if (streamType === STREAM_TYPE.h265) return "h265";
  return null;
}

export function streamTypeName(streamType: number): string {
  for (const [name, value] of Object.entries(STREAM_TYPE)) if (value === streamType) return name;
  return `0x${streamType.toString(16).padStart(2, "0")}`;
}

/**
 * An audio stream type as the gateway's health names audio codecs (ffmpeg's names, as for RTSP and RTMP
 * cameras): GB devices send G.711 A-law (0x90) mostly.
 */
export function audioCodecName(streamType: number): string {
  const names: Record<number, string> = {
    [STREAM_TYPE.g711a]: "pcm_alaw",
    [STREAM_TYPE.g711u]: "pcm_mulaw",
    [STREAM_TYPE.g7221]: "g722_1",
    [STREAM_TYPE.g7231]: "g723_1",
    [STREAM_TYPE.g729]: "g729",
    [STREAM_TYPE.aacAdts]: "aac",
    [STREAM_TYPE.svacAudio]: "svac_audio",
  };
  return names[streamType] ?? streamTypeName(streamType);
}
