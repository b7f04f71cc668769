// MPEG program streams: the demuxer and the PS → MediaSink adapter. Re-exports only.
export type { EsUnit } from "./access-units";
export { AccessUnitAssembler } from "./access-units";
export { probeVideoCodec, splitNals } from "./annexb";
export type { PsDemuxerEvents } from "./demuxer";
export { PsDemuxer } from "./demuxer";
export type { Parsed, Pes, PsmEntry } from "./headers";
export { packHeaderLength, parsePes, parsePsm } from "./headers";
export type { PsFrame, PsMuxerOptions } from "./muxer";
export { MAX_PES_LENGTH, PsMuxer } from "./muxer";
export type { PsError, PsErrorCode } from "./ps-error";
export type { PsPacketInfo, PsStats } from "./ps-to-sink";
export { PsToSink } from "./ps-to-sink";
export { STREAM_TYPE, streamTypeName, videoCodecOf } from "./stream-types";
export { annexB, parameterSets } from "./write";
