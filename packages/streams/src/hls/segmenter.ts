// Cuts mapped access units into parts and segments (on key frames, ≥ ~segmentTargetMs) and writes each
// part as one CMAF fragment. Owns the open segment, the samples of the part being filled (references to
// the source's buffers, never copies) and the stream's part target (cadence.ts). Knows nothing of clocks,
// HTTP or blocking: it is fed output-timeline times and arrival wall times, and hands closed segments to
// `onSegment`.
//
// Every part is ≤ PART-TARGET (RFC 8216bis), whatever the source does:
// - a part is cut before a frame that would, on the expected cadence, carry it past the target;
// - when a frame arrives late (jitter), the part is cut before the previous frame instead, which then
//   opens the next part — its duration is only known now;
// - a single frame interval longer than a part (dropped frames) is shortened to one part target: the
//   output timeline skips the rest ("compression"). A sample's duration must reach the next sample —
//   MSE drops every frame up to the next key frame after a gap of more than two frame durations — so a
//   part cannot simply end early and leave a hole.
//
// The pure pieces live beside it: samples.ts (what a cut keeps and carries, the fMP4 runs), lateFrame.ts
// (a frame later than its part allows), sealSegment.ts (a closed segment's duration, date and bytes),
// cadence.ts (the part target from the frame rate).

import { fragment } from "../fmp4/fragment";
import type { TrackSet } from "../media/types";
import { Cadence, DECIDE_AFTER, fitPlan, type PartPlan, partTargetFor } from "./cadence";
import { fitLate } from "./lateFrame";
import {
  AAC_FRAME,
  aacDts,
  CUT_SLACK_MS,
  framesThatFit,
  overlapsWritten,
  partRuns,
  type Sample,
  splitAtCut,
  VIDEO_TICKS_PER_MS,
} from "./samples";
import { sealSegment } from "./sealSegment";
import type { SegmentInfo } from "./types";

export interface SegmenterOptions {
  /** The configured part target; a stream whose frames are further apart gets a larger one. */
  partTargetMs: number;
  segmentTargetMs: number;
}

export class Segmenter {
  private tracks: TrackSet = { video: null, audio: null };
  private initVersion = 0;
  private open: SegmentInfo | null = null;
  /**
   * The segment that ended on a key frame, still shown open (its parts listed, no EXTINF) until the next
   * segment's first part is out: see maybeCut. Only ever set while a next segment is open.
   */
  private ending: { segment: SegmentInfo; endMs: number } | null = null;
  private partStartMs = 0;
  private video: Sample[] = [];
  private audio: Sample[] = [];
  private lastVideoMs: number | null = null;
  private lastAudioMs: number | null = null;
  private audioNextTicks: number | null = null;
  private readonly cadence = new Cadence();
  private target: number | null = null;
  /** What parts aim at (k whole frames); the target leaves 10 % above it for jitter. */
  private nominalMs = 0;
  /** Output time skipped this epoch by shortening over-long frame intervals (see the header). */
  private shiftMs = 0;
  /** min(arrival wall time − output time) this epoch: the least-delayed frame anchors PROGRAM-DATE-TIME. */
  private anchor = Infinity;
  private pendingDiscontinuity = false;
  private sequence = 0;
  private emitted = false;
  /** A segment was sealed: the first one's early end (maybeCut) is behind us. */
  private sealedAny = false;
  /** End of everything written so far, on the output timeline: where a new epoch continues. */
  endMs = 0;
  nextMsn = 0;
  droppedUnits = 0;
  /** Output time skipped in total (dropped-frame gaps shortened to one part). */
  compressedMs = 0;

  constructor(
    private readonly opts: SegmenterOptions,
    private readonly onPart: (segment: SegmentInfo) => void,
    private readonly onSegment: (segment: SegmentInfo) => void,
  ) {}

  /** The stream's PART-TARGET: the configured one until the first frame interval decides (cadence.ts). */
  get partTargetMs(): number {
    return this.target ?? this.opts.partTargetMs;
  }

  setTracks(tracks: TrackSet, initVersion: number): void {
    this.tracks = tracks;
    this.initVersion = initVersion;
  }

  /** The segment a playlist shows as open: the one that just ended (see maybeCut), else the one filling. */
  current(): SegmentInfo | null {
    return this.ending?.segment ?? this.open;
  }

  /** Whether a unit would be kept: between segments only a key frame (or audio without video) opens one. */
  accepts(kind: "video" | "audio", key: boolean): boolean {
    if (this.open) return kind === "video" ? this.tracks.video !== null : this.tracks.audio !== null;
    return kind === "video"
      ? this.tracks.video !== null && key
      : this.tracks.video === null && this.tracks.audio !== null;
  }

  pushVideo(mappedMs: number, ctoMs: number, key: boolean, data: Buffer, wallMs: number): void {
    if (!this.tracks.video) {
      this.droppedUnits++;
      return;
    }
    let outMs = mappedMs - this.shiftMs;
    if (!this.open) {
      // A segment (and a new viewer's first frame) must start on a key frame: drop until one arrives.
      if (!key) {
        this.droppedUnits++;
        return;
      }
      this.anchorAt(outMs, wallMs);
      this.startSegment(outMs);
    } else {
      const prev = this.video[this.video.length - 1];
      const last = this.lastVideoMs;
      if (prev && last !== null && outMs > last) {
        const expected = this.cadence.mean(outMs - last);
        if (outMs - last <= 1.5 * expected) this.cadence.add(outMs - last); // a late frame says nothing of the rate
        const decided = this.target === null ? this.decideTarget(outMs) : null;
        if (decided === false) {
          // Still measuring the frame rate (a fraction of the first part): nothing is cut yet.
          prev.duration = outMs * VIDEO_TICKS_PER_MS - prev.dts;
          this.anchorAt(outMs, wallMs);
          this.pushVideoSample(outMs, ctoMs, key, data);
          return;
        }
        outMs = this.fitLate(last, outMs, expected);
        prev.duration = outMs * VIDEO_TICKS_PER_MS - prev.dts;
        if (decided) this.cutMeasured(outMs);
      }
      this.anchorAt(outMs, wallMs);
      if (last !== null) this.splitOvershoot(outMs, this.video, last);
      this.maybeCut(outMs, key, this.cadence.mean(40));
    }
    this.pushVideoSample(outMs, ctoMs, key, data);
  }

  private pushVideoSample(outMs: number, ctoMs: number, key: boolean, data: Buffer): void {
    if (this.target === null) this.cadence.noteFrame(outMs);
    this.video.push({
      data,
      dts: outMs * VIDEO_TICKS_PER_MS,
      cto: Math.round(ctoMs * VIDEO_TICKS_PER_MS),
      key,
      duration: 0,
    });
    this.lastVideoMs = outMs;
  }

  /** Cuts the frames held while measuring into parts that fit the target just chosen (all but the last). */
  private cutMeasured(outMs: number): void {
    for (;;) {
      const first = this.video[0];
      if (!first || this.video.length < 2 || outMs - this.partStartMs <= this.partTargetMs) return;
      // The longest run of frames from the part's start whose end (the next frame's time) fits.
      const n = framesThatFit(this.video, this.partStartMs + this.partTargetMs);
      this.closePart(this.video[n]!.dts / VIDEO_TICKS_PER_MS, this.video.length - n);
    }
  }

  private plan(p: PartPlan, longestMs = 0): void {
    const fitted = fitPlan(p, longestMs);
    this.target = fitted.targetMs;
    this.nominalMs = fitted.nominalMs;
  }

  /** Chooses the part target once DECIDE_AFTER intervals or the configured part duration have passed. */
  private decideTarget(outMs: number): boolean {
    this.cadence.noteFrame(outMs);
    const m = this.cadence.measured;
    if (m.intervals < DECIDE_AFTER && m.spanMs < this.opts.partTargetMs) return false;
    this.plan(partTargetFor(this.opts.partTargetMs, m.intervalMs), m.longestMs);
    return true;
  }

  pushAudio(mappedMs: number, data: Buffer, wallMs: number): void {
    const track = this.tracks.audio;
    if (!track) {
      this.droppedUnits++;
      return;
    }
    const outMs = mappedMs - this.shiftMs;
    const frameMs = (AAC_FRAME * 1000) / track.sampleRate;
    // Keep AAC frames back to back (1024 samples each) unless the source clearly skipped; a frame that
    // overlaps what is already written (after a shortened video gap) is dropped.
    const actual = Math.round((outMs * track.sampleRate) / 1000);
    const next = this.audioNextTicks;
    if (this.open && overlapsWritten(actual, next)) {
      this.droppedUnits++;
      return;
    }
    if (this.tracks.video) {
      // Audio rides along with video; before the first key frame there is nothing to attach it to, and
      // audio that precedes the stream's very first frame has no place on the timeline.
      if (!this.open || outMs < 0) {
        this.droppedUnits++;
        return;
      }
    } else {
      this.anchorAt(outMs, wallMs);
      if (this.target === null) this.plan(partTargetFor(this.opts.partTargetMs, frameMs));
      if (!this.open) this.startSegment(outMs);
      else {
        if (this.lastAudioMs !== null) this.splitOvershoot(outMs, this.audio, this.lastAudioMs);
        this.maybeCut(outMs, true, frameMs);
      }
    }
    const dts = aacDts(actual, next);
    this.audioNextTicks = dts + AAC_FRAME;
    this.audio.push({ data, dts, cto: 0, key: true, duration: AAC_FRAME });
    this.lastAudioMs = outMs;
  }

  /**
   * Closes the open part and segment (the source restarted, changed codec or ended). The last video frame's
   * duration is estimated from the cadence, never past the part target. Returns where the next epoch
   * continues.
   */
  flush(): number {
    const open = this.open;
    if (open) {
      if (this.target === null) this.plan(partTargetFor(this.opts.partTargetMs, null));
      let end = this.partStartMs;
      let last = this.video[this.video.length - 1];
      if (last && this.lastVideoMs !== null && this.lastVideoMs + 1 > this.partStartMs + this.partTargetMs) {
        // The last frame sits at the part's limit: it ends this part and opens a last one of its own.
        this.closePart(this.lastVideoMs, 1);
        last = this.video[this.video.length - 1];
      }
      if (last && this.lastVideoMs !== null) {
        const limit = this.partStartMs + this.partTargetMs;
        end = Math.max(this.lastVideoMs + 1, Math.min(limit, Math.round(this.lastVideoMs + this.cadence.mean(40))));
        last.duration = (end - this.lastVideoMs) * VIDEO_TICKS_PER_MS;
      } else if (this.lastAudioMs !== null && this.tracks.audio) {
        end = Math.max(end, Math.ceil(this.lastAudioMs + (AAC_FRAME * 1000) / this.tracks.audio.sampleRate));
      }
      this.closePart(end); // announces an ending segment first
      this.announceEnding(); // when the open segment had nothing to write
      this.closeSegment(end);
    }
    this.video = [];
    this.audio = [];
    this.lastVideoMs = null;
    this.lastAudioMs = null;
    this.audioNextTicks = null;
    this.anchor = Infinity;
    this.shiftMs = 0;
    this.cadence.resetRecent();
    if (this.emitted) this.pendingDiscontinuity = true;
    return this.endMs;
  }

  /**
   * A frame later than the part allows: jitter (within 1.5 expected intervals) is left to splitOvershoot;
   * a longer wait (dropped frames, a stalled encoder) ends the part exactly at the target and the output
   * timeline skips the rest (see the header), PROGRAM-DATE-TIME's anchor shifting with it.
   */
  private fitLate(prevMs: number, outMs: number, expectedMs: number): number {
    const fit = fitLate(this.partStartMs, this.partTargetMs, prevMs, outMs, expectedMs);
    this.shiftMs += fit.excessMs;
    this.compressedMs += fit.excessMs;
    this.anchor += fit.excessMs;
    return fit.outMs;
  }

  /**
   * The part would end past the target because its last unit (at `lastMs`) lasted longer than expected:
   * cut before that unit, which opens the next part.
   */
  private splitOvershoot(outMs: number, driving: Sample[], lastMs: number): void {
    if (outMs - this.partStartMs <= this.partTargetMs || driving.length < 2) return;
    this.closePart(lastMs, 1);
  }

  private maybeCut(outMs: number, key: boolean, unitMs: number): void {
    const open = this.open!;
    // The stream's first segment ends at its second key frame however soon (once it has a part): a player
    // waits for it (hls.js starts nothing without a complete segment), and a GB device asked for a key
    // frame (IFameCmd) sends one a fraction of a second into a stream it began at our INVITE.
    const firstEnds = !this.sealedAny && open.parts.length > 0 && this.tracks.video !== null;
    if (key && (firstEnds || outMs - open.startMs >= this.opts.segmentTargetMs - unitMs / 2)) {
      this.closePart(outMs);
      // The segment's last part goes out now, its EXTINF with the next segment's first part. A player then
      // always sees the last part while the segment is still open: hls.js (1.7) takes a complete segment
      // whose unloaded tail is under 0.2 s for fully buffered and never loads that last part, stalling
      // until the segment leaves the part window (~3 s).
      this.open = null;
      if (open.parts.length === 0) this.nextMsn = open.msn;
      else this.ending = { segment: open, endMs: outMs };
      this.startSegment(outMs);
    } else if (outMs - this.partStartMs + unitMs > this.nominalMs + unitMs / 2 + CUT_SLACK_MS) {
      this.closePart(outMs);
    }
  }

  private anchorAt(outMs: number, wallMs: number): void {
    const a = wallMs - outMs;
    if (a < this.anchor) this.anchor = a;
  }

  private startSegment(outMs: number): void {
    this.open = {
      msn: this.nextMsn++,
      startMs: outMs,
      durationMs: 0,
      discontinuity: this.pendingDiscontinuity,
      initVersion: this.initVersion,
      programDateTime: Math.round(this.anchor + outMs),
      parts: [],
      bytes: null,
    };
    this.pendingDiscontinuity = false;
    this.partStartMs = outMs;
  }

  /** Writes the part ending at endMs; the driving track's last `carry` units start the next one. */
  private closePart(endMs: number, carry = 0): void {
    const open = this.open;
    if (!open || (this.video.length === 0 && this.audio.length === 0)) return;
    const { video, audio, carriedVideo, carriedAudio } = splitAtCut(this.tracks, this.video, this.audio, endMs, carry);
    const runs = partRuns(video, audio);
    if (runs.length === 0) return;
    const independent = this.tracks.video ? video[0]?.key === true : true;
    const bytes = fragment(++this.sequence, runs);
    this.announceEnding(); // the previous segment closes as this one's first part appears
    open.parts.push({ index: open.parts.length, durationMs: endMs - this.partStartMs, independent, bytes });
    this.video = carriedVideo;
    this.audio = carriedAudio;
    this.partStartMs = endMs;
    this.endMs = endMs;
    this.emitted = true;
    this.onPart(open);
  }

  private closeSegment(endMs: number): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    if (open.parts.length === 0) {
      this.nextMsn = open.msn; // nothing was written: the number is free again
      return;
    }
    this.finishSegment(open, endMs);
  }

  private announceEnding(): void {
    const e = this.ending;
    if (!e) return;
    this.ending = null;
    this.finishSegment(e.segment, e.endMs);
  }

  private finishSegment(open: SegmentInfo, endMs: number): void {
    this.sealedAny = true;
    sealSegment(open, endMs, this.anchor);
    this.onSegment(open);
  }
}
