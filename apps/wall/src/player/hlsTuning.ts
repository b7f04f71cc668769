// The hls.js live tuning of the wall, free of bundler imports so the benchmarks measure exactly these
// values (bench/media-latency.ts). Measured on this gateway: see docs/benchmarks.md.
export const hlsTuning = {
  lowLatencyMode: true,
  // Let hls.js follow the playlist's PART-HOLD-BACK (0.6 s) instead of a fixed sync duration, and catch
  // up by playing a little faster when the start lands one segment back (it starts on a key frame).
  maxLiveSyncPlaybackRate: 1.5,
  // A wall never seeks back: keep little behind and little ahead to bound memory per tile.
  backBufferLength: 4,
  maxBufferLength: 4,
  maxMaxBufferLength: 8,
  // The sub stream is chosen by tile size, not by bandwidth estimation.
  capLevelToPlayerSize: false,
  startLevel: 0,
} as const;
