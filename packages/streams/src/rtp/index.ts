// RTP: packet parsing, the reorder/jitter buffer and RFC 4571 TCP framing. Re-exports only.

export type { H264DepacketizerStats } from "./h264-depacketizer";
export { H264Depacketizer } from "./h264-depacketizer";
export { H264RtpToSink } from "./h264-to-sink";
export type { RtpError, RtpErrorCode, RtpPacket, RtpParse } from "./packet";
export { parseRtp, seqDelta } from "./packet";
export type { RtpPacketizerOptions } from "./packetizer";
export { framed, RtpPacketizer } from "./packetizer";
export type { ReorderOptions, ReorderOutput, ReorderStats } from "./reorder";
export { ReorderBuffer } from "./reorder";
export { frame4571, Rfc4571Deframer } from "./rfc4571";
