// The in-process LL-HLS packager of one stream: a MediaSink that maps source time onto a continuous output
// timeline, cuts CMAF parts and segments, keeps them in a bounded in-memory ring and answers (blocking)
// requests for playlist, init, segment and part. One instance per stream, no process, no disk. Never
// starts or stops sources (the registry does) and never throws into the source: bad input is dropped and
// counted.
import type { ApiError, Result } from "@cw/protocol";
import { initSegment } from "../fmp4/init";
import type { AccessUnit, MediaSink, TrackSet } from "../media/types";
import { checkBlockingRequest, isAvailable, type LiveEdge } from "./blocking";
import { renderPlaylist } from "./playlist";
import { SegmentRing } from "./ring";
import { Segmenter } from "./segmenter";
import { Timeline } from "./timeline";
import type { PlaylistView, SegmentInfo } from "./types";
import { Waiters, type WaitOutcome } from "./waiters";

/**
 * Parts the stream's first segment holds before its source is asked for the key frame that ends it. hls.js
 * (1.7) loads the first segment whole and then switches to loading parts only if that segment reaches past
 * its first part by the parts already listed after it (shouldLoadParts); a shorter first segment leaves it
 * waiting for the second segment to complete — a stall at once, and a second added to its target latency.
 */
const KEY_FRAME_AFTER_PARTS = 2;

export interface PackagerOptions {
  /**
   * Part duration target, ms (EXT-X-PART-INF:PART-TARGET). Default 200. A stream whose frames are further
   * apart than half of it gets a larger one, chosen from its first frame interval (hls/cadence.ts).
   */
  partTargetMs?: number;
  /** Minimum segment duration before cutting on the next key frame, ms. Default 1000. */
  segmentTargetMs?: number;
  /** Complete segments kept in memory (and listed). Default 7. */
  ringSegments?: number;
  /** PART-HOLD-BACK in part targets. Default 3 (the spec's advice; it requires at least 2). */
  holdBackParts?: number;
  /** Forward timestamp jump that counts as a discontinuity, ms. Default 5000. */
  gapMs?: number;
  /** Wall clock for EXT-X-PROGRAM-DATE-TIME. Default Date.now. */
  now?: () => number;
  /**
   * Called once per closed segment with the init segment that decodes it (recording and the replay buffer
   * store what the packager already made). Must not throw and must not block: it runs on the media path.
   */
  onSegment?: (segment: SegmentInfo, init: Buffer) => void;
  /**
   * Called once when a player waits for the stream's first segment and its first parts are out: a source
   * that can (a GB device: IFameCmd) asks the camera for a key frame now, which ends that segment (see
   * Segmenter.maybeCut) a fraction of a second in instead of a whole GOP. Must not throw or block.
   */
  onKeyFrameWanted?: () => void;
}

export interface PackagerStats {
  segments: number;
  parts: number;
  discontinuities: number;
  droppedUnits: number;
  /** Output time skipped by shortening frame intervals longer than a part (dropped frames). */
  compressedMs: number;
  initVersion: number;
  memoryBytes: number;
}

export class Packager implements MediaSink {
  readonly segmentTargetMs: number;
  private readonly holdBackParts: number;
  private readonly now: () => number;
  private readonly onSegment: ((segment: SegmentInfo, init: Buffer) => void) | undefined;
  private readonly onKeyFrameWanted: (() => void) | undefined;
  /** First-playlist requests waiting (waitForStartable); the key frame is asked for once. */
  private starters = 0;
  private keyFrameAsked = false;
  private readonly timeline: Timeline;
  private readonly ring: SegmentRing;
  private readonly segmenter: Segmenter;
  private readonly waiters = new Waiters();
  private readonly inits = new Map<number, Buffer>();
  private tracks: TrackSet | null = null;
  private initVersion = 0;
  private needRebase = true;
  private started = false;
  private closed = false;
  private counts = { segments: 0, parts: 0, discontinuities: 0 };

  constructor(opts: PackagerOptions = {}) {
    this.segmentTargetMs = opts.segmentTargetMs ?? 1000;
    this.holdBackParts = opts.holdBackParts ?? 3;
    this.now = opts.now ?? Date.now;
    this.onSegment = opts.onSegment;
    this.onKeyFrameWanted = opts.onKeyFrameWanted;
    this.timeline = new Timeline({ gapMs: opts.gapMs ?? 5000, backJumpMs: 1000 });
    this.ring = new SegmentRing(opts.ringSegments ?? 7);
    this.segmenter = new Segmenter(
      { partTargetMs: opts.partTargetMs ?? 200, segmentTargetMs: this.segmentTargetMs },
      () => this.published("part"),
      (s) => this.segmentClosed(s),
    );
  }

  /** This stream's PART-TARGET (fixed by its first frame interval; see hls/cadence.ts). */
  get partTargetMs(): number {
    return this.segmenter.partTargetMs;
  }

  private get partHoldBackMs(): number {
    return this.holdBackParts * this.partTargetMs;
  }

  // ── MediaSink ────────────────────────────────────────────────────────────────────────────────────────
  config(tracks: TrackSet): void {
    if (this.closed || sameTracks(this.tracks, tracks)) return;
    if (this.tracks) this.breakTimeline();
    this.tracks = tracks;
    this.initVersion++;
    this.inits.set(this.initVersion, initSegment(tracks));
    this.segmenter.setTracks(tracks, this.initVersion);
  }

  unit(au: AccessUnit): void {
    if (this.closed || !this.tracks) {
      this.segmenter.droppedUnits++;
      return;
    }
    let out = this.needRebase ? null : this.timeline.map(au.kind, au.dts);
    if (out === null) {
      if (!this.needRebase) this.breakTimeline(); // a restart, jump or gap in the source's timestamps
      // A new epoch is anchored on the first unit that will be kept (a key frame), not on dropped ones.
      if (!this.segmenter.accepts(au.kind, au.key)) {
        this.segmenter.droppedUnits++;
        return;
      }
      if (this.started) this.counts.discontinuities++;
      this.timeline.rebase(au.dts, this.segmenter.endMs);
      this.needRebase = false;
      this.started = true;
      out = this.timeline.map(au.kind, au.dts)!;
    }
    const wall = this.now();
    if (au.kind === "video") this.segmenter.pushVideo(out, au.pts - au.dts, au.key, au.data, wall);
    else this.segmenter.pushAudio(out, au.data, wall);
  }

  discontinuity(_reason: string): void {
    this.breakTimeline();
  }

  end(_reason: string): void {
    this.breakTimeline();
  }

  // ── Serving ──────────────────────────────────────────────────────────────────────────────────────────
  /** The tracks being packaged (null before the source's first config). */
  get trackSet(): TrackSet | null {
    return this.tracks;
  }

  /** Peak bit rate of the complete segments in the ring, bits/s (a multivariant BANDWIDTH); 0 before one. */
  peakBitrate(): number {
    let peak = 0;
    for (const s of this.ring.segments)
      if (s.bytes && s.durationMs > 0) peak = Math.max(peak, (s.bytes.length * 8 * 1000) / s.durationMs);
    return peak;
  }

  /** True once at least one part exists (a playlist is worth serving). */
  hasMedia(): boolean {
    return this.ring.segments.length > 0 || (this.segmenter.current()?.parts.length ?? 0) > 0;
  }

  view(): PlaylistView {
    const targetMs = Math.max(this.ring.maxSegmentMs, this.segmentTargetMs);
    return {
      targetDurationS: Math.max(1, Math.round(targetMs / 1000)),
      partTargetMs: this.partTargetMs,
      partHoldBackMs: this.partHoldBackMs,
      mediaSequence: this.ring.firstMsn ?? this.segmenter.nextMsn,
      discontinuitySequence: this.ring.discontinuitySequence,
      segments: this.ring.segments,
      open: this.segmenter.current(),
      nextMsn: this.segmenter.nextMsn,
    };
  }

  /** The playlist text, or null before the first part. */
  playlist(): string | null {
    return this.hasMedia() ? renderPlaylist(this.view()) : null;
  }

  /** An init segment by version (default: the current one). Old versions live while a segment needs them. */
  init(version?: number): Buffer | null {
    return this.inits.get(version ?? this.initVersion) ?? null;
  }

  segment(msn: number): Buffer | null {
    return this.ring.find(msn)?.bytes ?? null;
  }

  part(msn: number, index: number): Buffer | null {
    const open = this.segmenter.current();
    const seg = open?.msn === msn ? open : this.ring.find(msn);
    return seg?.parts[index]?.bytes ?? null;
  }

  /** How long a blocking request may wait: three target durations, as RFC 8216bis advises. */
  blockTimeoutMs(): number {
    return 3 * this.view().targetDurationS * 1000;
  }

  /** _HLS_msn/_HLS_part validation: too far ahead of the live edge is a 400 (RFC 8216bis 6.2.5.2). */
  checkRequest(msn: number, part?: number): ApiError | null {
    return checkBlockingRequest(this.edge(), this.partTargetMs, msn, part);
  }

  /** Whether a playlist holding segment msn (and its part) can be served now. */
  isAvailable(msn: number, part?: number): boolean {
    return isAvailable(this.edge(), (m) => this.ring.find(m), msn, part);
  }

  /** Blocks until isAvailable(msn, part); 400 when the request is too far ahead, 503 on timeout. */
  async waitFor(
    msn: number,
    part: number | undefined,
    signal?: AbortSignal,
    timeoutMs?: number,
  ): Promise<Result<true>> {
    const invalid = this.checkRequest(msn, part);
    if (invalid) return { ok: false, error: invalid };
    const outcome = await this.waiters.wait(
      () => this.isAvailable(msn, part),
      timeoutMs ?? this.blockTimeoutMs(),
      signal,
    );
    return outcome === "ok" ? { ok: true, value: true } : unavailable(outcome, `msn ${msn} part ${part ?? "-"}`);
  }

  /** Waits for the first part of the stream (a cold start's first playlist). */
  async waitForMedia(signal?: AbortSignal, timeoutMs = 10_000): Promise<Result<true>> {
    const outcome = await this.waiters.wait(() => this.hasMedia(), timeoutMs, signal);
    return outcome === "ok" ? { ok: true, value: true } : unavailable(outcome, "the first part");
  }

  /**
   * True once a player can start here: a complete segment exists. It begins on a key frame and is listed
   * only once the next segment's first part is out (Segmenter.maybeCut), so the player also finds the
   * independent part it continues with.
   */
  startable(): boolean {
    return this.ring.segments.length > 0;
  }

  /**
   * Waits until a player can start (see startable). hls.js does not start a live stream from a playlist
   * that has parts but no complete segment (LEVEL_EMPTY_ERROR, then its retry timer: seconds of time to
   * first frame). A stream's first segment ends at its second key frame; while a request waits here the
   * source is asked for that key frame once its first parts are out (onKeyFrameWanted), so a device that
   * began its stream at our INVITE does not make the player wait a whole GOP.
   */
  async waitForStartable(signal?: AbortSignal, timeoutMs = 10_000): Promise<Result<true>> {
    this.starters++;
    try {
      this.askKeyFrame();
      const outcome = await this.waiters.wait(() => this.startable(), timeoutMs, signal);
      return outcome === "ok" ? { ok: true, value: true } : unavailable(outcome, "the first segment");
    } finally {
      this.starters--;
    }
  }

  /** A part; the one the preload hint names blocks until it exists (or its segment closes without it). */
  async waitForPart(msn: number, index: number, signal?: AbortSignal, timeoutMs?: number): Promise<Result<Buffer>> {
    const open = this.segmenter.current();
    const hinted = open
      ? open.msn === msn && open.parts.length === index
      : msn === this.segmenter.nextMsn && index === 0;
    if (hinted) {
      const gone = (): boolean => msn < (this.segmenter.current()?.msn ?? this.segmenter.nextMsn);
      const outcome = await this.waiters.wait(
        () => this.part(msn, index) !== null || gone(),
        timeoutMs ?? this.blockTimeoutMs(),
        signal,
      );
      if (outcome !== "ok") return unavailable(outcome, `part ${msn}.${index}`);
    }
    const bytes = this.part(msn, index);
    return bytes ? { ok: true, value: bytes } : notFound(`part ${msn}.${index} is not in the ring`);
  }

  /** A segment; the one being filled blocks until it closes. */
  async waitForSegment(msn: number, signal?: AbortSignal, timeoutMs?: number): Promise<Result<Buffer>> {
    if (msn === this.edgeMsn() && this.segment(msn) === null) {
      const outcome = await this.waiters.wait(() => this.isAvailable(msn), timeoutMs ?? this.blockTimeoutMs(), signal);
      if (outcome !== "ok") return unavailable(outcome, `segment ${msn}`);
    }
    const bytes = this.segment(msn);
    return bytes ? { ok: true, value: bytes } : notFound(`segment ${msn} is not in the ring`);
  }

  stats(): PackagerStats {
    const open = this.segmenter.current();
    let memoryBytes = this.ring.memoryBytes;
    for (const p of open?.parts ?? []) memoryBytes += p.bytes.length;
    for (const b of this.inits.values()) memoryBytes += b.length;
    return {
      ...this.counts,
      droppedUnits: this.segmenter.droppedUnits,
      compressedMs: this.segmenter.compressedMs,
      initVersion: this.initVersion,
      memoryBytes,
    };
  }

  /** Releases every blocked request; later units are dropped. */
  close(): void {
    this.closed = true;
    this.waiters.close();
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────────
  private breakTimeline(): void {
    if (!this.needRebase) this.segmenter.flush();
    this.needRebase = true;
  }

  /** The msn of the segment being filled, or of the next one to start. */
  private edgeMsn(): number {
    return this.segmenter.current()?.msn ?? this.segmenter.nextMsn;
  }

  private edge(): LiveEdge {
    const open = this.segmenter.current();
    return { msn: this.edgeMsn(), parts: open?.parts.length ?? 0, open: open !== null };
  }

  private segmentClosed(s: SegmentInfo): void {
    this.ring.add(s);
    this.counts.segments++;
    const keep = this.ring.initVersions();
    for (const v of this.inits.keys()) if (v !== this.initVersion && !keep.has(v)) this.inits.delete(v);
    const init = this.inits.get(s.initVersion);
    if (this.onSegment && init) this.onSegment(s, init);
    this.waiters.check();
  }

  private published(_what: "part"): void {
    this.counts.parts++;
    this.askKeyFrame();
    this.waiters.check();
  }

  /** A player waits for the first segment, which has enough parts: ask the source for a key frame. */
  private askKeyFrame(): void {
    if (this.keyFrameAsked || this.starters === 0 || this.ring.segments.length > 0 || !this.onKeyFrameWanted) return;
    if ((this.segmenter.current()?.parts.length ?? 0) < KEY_FRAME_AFTER_PARTS) return;
    this.keyFrameAsked = true;
    this.onKeyFrameWanted();
  }
}

function sameTracks(a: TrackSet | null, b: TrackSet): boolean {
  if (!a) return false;
  const v =
    a.video === b.video ||
    (!!a.video && !!b.video && a.video.codec === b.video.codec && a.video.config.equals(b.video.config));
  const s = a.audio === b.audio || (!!a.audio && !!b.audio && a.audio.config.equals(b.audio.config));
  return v && s;
}

function notFound(message: string): Result<never> {
  return { ok: false, error: { code: "not_found", message } };
}

function unavailable(outcome: WaitOutcome, what: string): Result<never> {
  const why =
    outcome === "timeout"
      ? "timed out waiting for"
      : outcome === "aborted"
        ? "request aborted before"
        : "stream stopped before";
  return { ok: false, error: { code: "unavailable", message: `${why} ${what}` } };
}
