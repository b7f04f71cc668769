// Errors as data for the MPEG-PS layer: the demuxer reports them and the caller decides what to log.
export type PsErrorCode =
  | "ps_sync" // bytes that are not a PS start code: skipped up to the next pack or PES header
  | "ps_header" // a pack header, PSM or PES header that does not parse: skipped
  | "ps_unsupported" // a codec the media plane does not carry (MPEG-4 Visual, SVAC, G.711 audio): dropped
  | "ps_config" // parameter sets that do not make a decoder configuration: frames dropped until they do
  | "ps_no_config" // a frame before the first key frame with parameter sets: dropped
  | "ps_damaged"; // a frame that lost bytes in transit: dropped unless it is a key frame

export interface PsError {
  code: PsErrorCode;
  message: string;
  field?: string;
}

export const psError = (code: PsErrorCode, message: string, field?: string): PsError =>
  field === undefined ? { code, message } : { code, message, field };
