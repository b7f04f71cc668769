// @cw/recording — recordings on disk, instant replay, retention, evidence export. Re-exports only.
export { type ExportedClip, type ExportOptions, type ExportRequest, exportClip } from "./export/exporter";
export { sha256File, signManifest, type VerifyCheck, type VerifyResult, verifyExport } from "./export/manifest";
export { loadOrCreateSigningKey, type SigningKey } from "./export/signingKey";
export { keepMsOf, recordsAt } from "./plan/activity";
export { playlistFromStore } from "./playlist/fromStore";
export { type PlaylistFile, renderVodPlaylist } from "./playlist/vod";
export { RECORDED_VARIANT, Recorder } from "./recorder";
export { ReplayBuffer, replayKey } from "./replay/buffer";
export { type ProtectedLookup, ProtectedSpans } from "./retention/protectedSpans";
export { RetentionScheduler } from "./retention/scheduler";
export { type RetentionRules, type SweepResult, sweep } from "./retention/sweep";
export { type MediaSource, RecordingService, type RecordingServiceOptions } from "./service";
export type { Span, StoredFile } from "./store/catalog";
export { type Disk, type DiskFile, nodeDisk } from "./store/disk";
export { RecordingStore, type StoreFault, type StoreOptions } from "./store/store";
export type { WriterFault } from "./store/writer";
