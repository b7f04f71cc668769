// The stream registry's options (injected by the gateway) and their defaults.
import type { CameraSpec, Source, SourceFactory } from "../media/types";
import type { TranscodePlan } from "../transcode/plan";
import type { Upstream } from "../transcode/transcoder";
import { defaultOutputWatch, type OutputWatchLimits } from "./outputWatch";

export interface RegistryLog {
  info(o: object, m?: string): void;
  warn(o: object, m?: string): void;
}

export interface RegistryOptions {
  /** null → not_found. */
  resolve(cameraId: string): CameraSpec | null;
  sourceFactory: SourceFactory;
  /** No playlist/init/segment/part request for this long → stop the source. Default 30 000. */
  idleMs?: number;
  /** No frame for this long → "stalled". Default 3 000. */
  stallMs?: number;
  /** Starting without a frame for this long → "offline". Default 10 000. */
  startTimeoutMs?: number;
  /** LL-HLS part duration of main streams (PART-TARGET is whole frames near it + 10 %, hls/cadence.ts). Default 200. */
  partTargetMs?: number;
  /**
   * Part target of sub streams (12.5 fps): larger parts mean fewer requests for a LL-HLS client of a sub
   * stream (~6 instead of ~12 a second). The wall's own small tiles play sub streams in whole segments
   * (apps/wall/src/player/hlsConfig.ts) and fetch no parts. A sub transcode (sub-h264) uses partTargetMs:
   * its first playlist then waits for 1.3 s of transcoded media instead of 1.9 s (registry/entry.ts).
   * Default 400.
   */
  subPartTargetMs?: number;
  segmentTargetMs?: number;
  /** Complete segments kept per stream. Default 7. */
  ringSegments?: number;
  /** How long a cold playlist request waits for the first part. Default 8 000 (below hls.js's 10 s). */
  firstPartWaitMs?: number;
  /** A client counts as a viewer this long after its last playlist request. Default 10 000. */
  viewerWindowMs?: number;
  /**
   * H.264 renditions of a camera (main-h264, sub-h264) made on demand; absent = none. `max` is the budget
   * (TRANSCODE_MAX): a transcode beyond it is refused with `transcode_full`.
   */
  transcode?: TranscodeHooks;
  /** When a flowing stream whose output does not advance is `error` (registry/outputWatch.ts). */
  outputWatch?: OutputWatchLimits;
  /** Housekeeping and health tick period. Default 1 000. */
  tickMs?: number;
  now?: () => number;
  log?: RegistryLog;
}

export interface TranscodeHooks {
  max: number;
  plan(rendition: TranscodePlan["rendition"]): TranscodePlan;
  source(camera: CameraSpec, plan: TranscodePlan, upstream: Upstream): Source;
  /** Ends what the hooks keep running between transcodes (spare ffmpegs); the registry's close() calls it. */
  close?(): Promise<void>;
}

export type ResolvedOptions = Required<Omit<RegistryOptions, "log" | "transcode">> & {
  log: RegistryLog;
  transcode: TranscodeHooks | null;
};

/**
 * PART-HOLD-BACK in parts: how far behind the live edge players sit. RFC 8216bis requires at least 2 × the
 * part target and advises 3 ×; 2.5 × (550 ms for 25 fps main streams) measured p50 glass-to-glass under 0.8 s
 * here with no stalls (docs/benchmarks.md).
 */
export const HOLD_BACK_PARTS = 2.5;

const silent: RegistryLog = { info() {}, warn() {} };

export function withDefaults(o: RegistryOptions): ResolvedOptions {
  return {
    resolve: o.resolve,
    sourceFactory: o.sourceFactory,
    idleMs: o.idleMs ?? 30_000,
    stallMs: o.stallMs ?? 3_000,
    startTimeoutMs: o.startTimeoutMs ?? 10_000,
    partTargetMs: o.partTargetMs ?? 200,
    subPartTargetMs: o.subPartTargetMs ?? 400,
    segmentTargetMs: o.segmentTargetMs ?? 1000,
    ringSegments: o.ringSegments ?? 7,
    firstPartWaitMs: o.firstPartWaitMs ?? 8_000,
    viewerWindowMs: o.viewerWindowMs ?? 10_000,
    outputWatch: o.outputWatch ?? defaultOutputWatch,
    transcode: o.transcode ?? null,
    tickMs: o.tickMs ?? 1000,
    now: o.now ?? Date.now,
    log: o.log ?? silent,
  };
}
