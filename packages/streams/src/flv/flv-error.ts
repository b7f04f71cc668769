// Errors as data for the FLV layer: the demuxer reports them and the caller decides what is fatal.
export type FlvErrorCode =
  | "flv_framing" // the byte stream is not a sequence of FLV tags: the demuxer stops until reset
  | "flv_tag" // one tag is malformed: it is skipped
  | "flv_unsupported" // a codec the media plane does not carry (e.g. MP3, VP6): skipped
  | "flv_config" // a decoder configuration record we cannot read: skipped
  | "flv_no_config"; // a frame arrived before its codec configuration: dropped

export interface FlvError {
  code: FlvErrorCode;
  message: string;
  field?: string;
}

export const flvError = (code: FlvErrorCode, message: string, field?: string): FlvError =>
  field === undefined ? { code, message } : { code, message, field };
