// MPEG-TS demuxing (re-exports only).
export { type AdtsFrame, splitAdts } from "./adts";
export { TS_PACKET, TsDemuxer, type TsStats } from "./demuxer";
export { parameterSets, TsMuxer } from "./muxer";
