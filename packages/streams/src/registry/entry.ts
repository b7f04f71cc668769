// One running (camera, variant): its source, its packager and its health, wired by a tap sink that counts
// and times every unit on its way into the packager. The tap is the only thing the source talks to; after
// stop() it ignores a source that keeps writing. Never throws into the source: a packager failure is
// counted and logged.
import { type Rendition, type Variant, variantOf } from "@cw/protocol";
import { Packager } from "../hls/packager";
import type { SegmentInfo } from "../hls/types";
import type { AccessUnit, CameraSpec, MediaSink, Source, SourceNote, TrackSet } from "../media/types";
import { StreamHealthTracker } from "./health";
import { HOLD_BACK_PARTS, type ResolvedOptions } from "./options";
import { OutputWatch } from "./outputWatch";

export interface Counters {
  bytesIn: number;
  bytesOut: number;
  packagerErrors: number;
}

export interface Entry {
  key: string;
  /** Distinct per started entry (SegmentEvent.stream). */
  serial: number;
  camera: CameraSpec;
  /** The size class; `rendition` says whether it is the camera's own stream or an H.264 transcode. */
  variant: Variant;
  rendition: Rendition;
  /** Listeners of this entry's source events besides the packager (a transcoder reading this stream). */
  taps: Set<MediaSink>;
  /** A transcode's source entry (kept running while the transcode runs). */
  upstreamKey: string | null;
  /**
   * H.265 streams only: the units of the last two GOPs (from the key frame before the last), replayed to a
   * transcoder that attaches, so it has 1–2 s of media at once instead of waiting for the next key frame and
   * then a segment plus PART-HOLD-BACK of real time (measured cold p50: 3.1 s without, 2.0 s with one GOP,
   * 1.0 s with two; docs/benchmarks.md).
   */
  gop: AccessUnit[];
  /** Where the last GOP starts in `gop`. */
  gopLast: number;
  packager: Packager;
  health: StreamHealthTracker;
  /** Whether the packager's output advances while input flows (health `error` when not). */
  output: OutputWatch;
  source: Source | null;
  lastRequestAt: number;
  /**
   * Requests waiting on this stream now (a cold first playlist, a blocking reload): a stream someone waits
   * for is not idle, however long its start takes (a cold transcode outlasts a short STREAM_IDLE_S).
   */
  waiting: number;
  stopped: boolean;
}

let serials = 0;

export function entryKey(cameraId: string, rendition: Rendition): string {
  return `${cameraId}/${rendition}`;
}

/** A GOP cache larger than this (a camera with very long GOPs) is not kept. */
const GOP_CACHE_MAX = 600;

/** Delivers `entry`'s source events to `sink` (its config and current GOP first) until the returned detach. */
export function attachTap(entry: Entry, sink: MediaSink): () => void {
  const tracks = entry.packager.trackSet;
  if (tracks) {
    sink.config(tracks);
    for (const au of entry.gop) sink.unit(au);
  }
  entry.taps.add(sink);
  return () => entry.taps.delete(sink);
}

export function startEntry(
  camera: CameraSpec,
  rendition: Rendition,
  o: ResolvedOptions,
  counters: Counters,
  changed: (e: Entry) => void,
  segmentClosed: (e: Entry, segment: SegmentInfo, init: Buffer) => void,
  transcode?: { upstreamKey: string; source: () => Source },
): Entry {
  const now = o.now();
  const variant = variantOf(rendition);
  // A sub transcode keeps main's short parts: a first playlist waits for PART-HOLD-BACK + a part of
  // transcoded media, and with 0.44 s parts that was 1.84 s of 1080p HEVC to decode instead of the first
  // segment's 1.04 s (docs/benchmarks.md, H.265 cold start). The wall's small tiles fetch no parts anyway.
  const partMs = rendition === "sub" ? o.subPartTargetMs : o.partTargetMs;
  const entry: Entry = {
    key: entryKey(camera.id, rendition),
    serial: ++serials,
    camera,
    variant,
    rendition,
    taps: new Set(),
    upstreamKey: transcode?.upstreamKey ?? null,
    gop: [],
    gopLast: 0,
    packager: new Packager({
      partTargetMs: partMs,
      holdBackParts: HOLD_BACK_PARTS,
      segmentTargetMs: o.segmentTargetMs,
      ringSegments: o.ringSegments,
      now: o.now,
      onSegment: (s, init) => {
        if (transcode) return; // recording keeps the camera's own stream, not a transcode of it
        try {
          segmentClosed(entry, s, init);
        } catch (err) {
          o.log.warn({ err, camera: camera.id, variant }, "segment listener threw");
        }
      },
      onKeyFrameWanted: () => {
        try {
          entry.source?.requestKeyFrame?.();
        } catch (err) {
          o.log.warn({ err, camera: camera.id, variant }, "key frame request failed");
        }
      },
    }),
    health: new StreamHealthTracker(camera.id, variant, camera.codec, now, rendition, {
      stallMs: o.stallMs,
      startTimeoutMs: o.startTimeoutMs,
      viewerWindowMs: o.viewerWindowMs,
    }),
    output: new OutputWatch(now, o.outputWatch),
    source: null,
    lastRequestAt: now,
    waiting: 0,
    stopped: false,
  };
  const guard = (what: string, f: () => void): void => {
    try {
      f();
    } catch (err) {
      counters.packagerErrors++;
      o.log.warn({ err, camera: camera.id, variant, what }, "packager failed on a source event");
    }
  };
  const tap: MediaSink = {
    config(tracks: TrackSet) {
      if (entry.stopped) return;
      entry.health.setTracks(tracks);
      entry.gop = [];
      guard("config", () => entry.packager.config(tracks));
      for (const t of entry.taps) guard("tap", () => t.config(tracks));
    },
    unit(au: AccessUnit) {
      if (entry.stopped) return;
      counters.bytesIn += au.data.length;
      if (entry.health.onUnit(o.now(), au)) changed(entry);
      guard("unit", () => entry.packager.unit(au));
      for (const t of entry.taps) guard("tap", () => t.unit(au));
      if (entry.packager.trackSet?.video?.codec === "h265") {
        if (au.kind === "video" && au.key) {
          entry.gop = [...entry.gop.slice(entry.gopLast), au];
          entry.gopLast = entry.gop.length - 1;
        } else if (entry.gop.length > 0 && entry.gop.length < GOP_CACHE_MAX) entry.gop.push(au);
        else entry.gop = [];
      }
    },
    discontinuity(reason: string) {
      if (entry.stopped) return;
      entry.gop = [];
      guard("discontinuity", () => entry.packager.discontinuity(reason));
      for (const t of entry.taps) guard("tap", () => t.discontinuity(reason));
    },
    note(info: SourceNote) {
      if (!entry.stopped) entry.health.note(info);
    },
    end(reason: string) {
      if (entry.stopped) return;
      entry.gop = [];
      guard("end", () => entry.packager.end(reason));
      for (const t of entry.taps) guard("tap", () => t.end(reason));
      if (entry.health.onEnd(reason)) changed(entry);
    },
  };
  try {
    entry.source = transcode ? transcode.source() : o.sourceFactory(camera, variant);
    entry.source.start(tap);
    o.log.info({ camera: camera.id, variant }, "stream started on demand");
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    entry.health.fail(`source failed to start: ${message}`);
    o.log.warn({ err, camera: camera.id, variant }, "source failed to start");
  }
  return entry;
}

/** Stops the entry's source and releases blocked requests. Idempotent. */
export async function stopEntry(entry: Entry, o: ResolvedOptions): Promise<void> {
  if (entry.stopped) return;
  entry.stopped = true;
  entry.packager.close();
  try {
    await entry.source?.stop();
  } catch (err) {
    o.log.warn({ err, camera: entry.camera.id, variant: entry.variant }, "source failed to stop cleanly");
  }
}
