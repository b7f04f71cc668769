// @cw/streams — the media plane. Re-exports only.

export * from "./gb/index";
export * from "./hls/index";
export * from "./media/types";
export * from "./registry/index";
export { framed, RtpPacketizer, type RtpPacketizerOptions } from "./rtp/packetizer";
export { frame4571, Rfc4571Deframer } from "./rtp/rfc4571";
export * from "./sources/index";
export * from "./transcode/index";
export * from "./ts/index";
