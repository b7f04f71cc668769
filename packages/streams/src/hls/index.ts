// The LL-HLS packager (re-exports only).
export { audioTrackFromConfig, videoTrackFromConfig } from "../codec/tracks";
export { initSegment } from "../fmp4/init";
export { type RenditionInfo, renderMultivariant } from "./multivariant";
export { Packager, type PackagerOptions, type PackagerStats } from "./packager";
export { initUri, partUri, renderPlaylist, segmentUri } from "./playlist";
export type { PartInfo, PlaylistView, SegmentInfo } from "./types";
