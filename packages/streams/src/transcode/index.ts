// On-demand H.264 transcoding (re-exports only).
export { createTranscodeHooks, type TranscodeConfig } from "./hooks";
export { effectiveHw, type HwAccel, TRANSCODE_PLANS, type TranscodePlan, transcodeArgs } from "./plan";
export { type TranscoderOptions, TranscodeSource, type Upstream } from "./transcoder";
