// RTP: packet parsing, the reorder/jitter buffer and RFC 4571 TCP framing. Re-exports only.
export type { RtpError, RtpErrorCode, RtpPacket, RtpParse } from "./packet";
export { parseRtp, seqDelta } from "./packet";
export type { ReorderOptions, ReorderOutput, ReorderStats } from "./reorder";
export { ReorderBuffer } from "./reorder";
export { frame4571, Rfc4571Deframer } from "./rfc4571";
