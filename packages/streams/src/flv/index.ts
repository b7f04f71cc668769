// FLV layer: demuxer and the minimal codec-configuration readers. Re-exports only.

export type { AudioInfo } from "./aac-info";
export { parseAudioSpecificConfig } from "./aac-info";
export type { VideoInfo } from "./avc-info";
export { parseAvcConfig, parseAvcSps } from "./avc-info";
export type { FlvDemuxerEvents } from "./demuxer";
export { FlvDemuxer } from "./demuxer";
export type { FlvError, FlvErrorCode } from "./flv-error";
export { parseHevcConfig, parseHevcSps } from "./hevc-info";
