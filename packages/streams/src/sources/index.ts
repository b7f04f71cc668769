// Media sources: RTMP ingest, RTSP relay, simulator, and the factory the registry uses. Re-exports only.

export type { FlvDemuxerEvents } from "../flv/demuxer";
export { FlvDemuxer } from "../flv/demuxer";
export type { FlvError, FlvErrorCode } from "../flv/flv-error";
export type { BackoffPolicy } from "./backoff";
export { Backoff, defaultBackoff } from "./backoff";
export { findFfmpeg } from "./ffmpeg-path";
export type { Logger } from "./logger";
export type { RtmpIngestOptions } from "./rtmp-ingest";
export { RtmpIngest } from "./rtmp-ingest";
export type { RtspRelayOptions } from "./rtsp-relay";
export { RtspRelaySource, redactUrl } from "./rtsp-relay";
export { ClipLibrary } from "./sim/clip-library";
export type { SimFps } from "./sim/clip-spec";
export { SimSource } from "./sim/sim-source";
export { SharedTicker } from "./sim/ticker";
export type { MediaSourceFactory, SourceFactoryOptions } from "./source-factory";
export { createSourceFactory, rtmpStreamName, rtspUrl } from "./source-factory";
