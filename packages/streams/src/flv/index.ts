// FLV layer: the demuxer. Re-exports only. The codec-configuration readers it uses live in ../codec (one
// implementation shared with the packager) and are re-exported here under their codec names.

export type { AacConfig, AvcConfig, HevcConfig } from "../codec/index";
export {
  parseAudioSpecificConfig,
  parseAvcC,
  parseAvcSps,
  parseHevcSpsSize,
  parseHvcC,
  parseVideoConfig,
} from "../codec/index";
export type { FlvDemuxerEvents } from "./demuxer";
export { FlvDemuxer } from "./demuxer";
export type { FlvError, FlvErrorCode } from "./flv-error";
