// Cuts mapped access units into parts (~partTargetMs) and segments (on key frames, ≥ ~segmentTargetMs) and
// writes each part as one CMAF fragment. Owns the open segment and the samples of the part being filled
// (references to the source's buffers, never copies). Knows nothing of clocks, HTTP or blocking: it is fed
// output-timeline times and arrival wall times, and hands closed segments to `onSegment`.

import { type FragmentSample, fragment, type TrackRun } from "../fmp4/fragment";
import { AUDIO_TRACK_ID, VIDEO_TIMESCALE, VIDEO_TRACK_ID } from "../fmp4/init";
import type { TrackSet } from "../media/types";
import type { SegmentInfo } from "./types";

export interface SegmenterOptions {
  partTargetMs: number;
  segmentTargetMs: number;
}

interface Sample extends FragmentSample {
  /** Decode time in the track's timescale. */
  dts: number;
}

const AAC_FRAME = 1024;
/** Millisecond timestamps jitter by ±1 ms; this slack keeps a 200 ms part from being cut one frame early. */
const CUT_SLACK_MS = 2;
const VIDEO_TICKS_PER_MS = VIDEO_TIMESCALE / 1000;

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
  private frameMs = 40;
  private audioNextTicks: number | null = null;
  /** min(arrival wall time − output time) this epoch: the least-delayed frame anchors PROGRAM-DATE-TIME. */
  private anchor = Infinity;
  private pendingDiscontinuity = false;
  private sequence = 0;
  private emitted = false;
  /** End of everything written so far, on the output timeline: where a new epoch continues. */
  endMs = 0;
  nextMsn = 0;
  droppedUnits = 0;

  constructor(
    private readonly opts: SegmenterOptions,
    private readonly onPart: (segment: SegmentInfo) => void,
    private readonly onSegment: (segment: SegmentInfo) => void,
  ) {}

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

  pushVideo(outMs: number, ctoMs: number, key: boolean, data: Buffer, wallMs: number): void {
    if (!this.tracks.video) {
      this.droppedUnits++;
      return;
    }
    this.anchorAt(outMs, wallMs);
    const open = this.open;
    if (!open) {
      // A segment (and a new viewer's first frame) must start on a key frame: drop until one arrives.
      if (!key) {
        this.droppedUnits++;
        return;
      }
      this.startSegment(outMs);
    } else {
      const prev = this.video[this.video.length - 1];
      if (prev) prev.duration = outMs * VIDEO_TICKS_PER_MS - prev.dts;
      if (this.lastVideoMs !== null && outMs > this.lastVideoMs) this.frameMs = outMs - this.lastVideoMs;
      this.maybeCut(outMs, key, this.frameMs);
    }
    this.video.push({
      data,
      dts: outMs * VIDEO_TICKS_PER_MS,
      cto: Math.round(ctoMs * VIDEO_TICKS_PER_MS),
      key,
      duration: 0,
    });
    this.lastVideoMs = outMs;
  }

  pushAudio(outMs: number, data: Buffer, wallMs: number): void {
    const track = this.tracks.audio;
    if (!track) {
      this.droppedUnits++;
      return;
    }
    const frameMs = (AAC_FRAME * 1000) / track.sampleRate;
    if (this.tracks.video) {
      // Audio rides along with video; before the first key frame there is nothing to attach it to, and
      // audio that precedes the stream's very first frame has no place on the timeline.
      if (!this.open || outMs < 0) {
        this.droppedUnits++;
        return;
      }
    } else {
      this.anchorAt(outMs, wallMs);
      if (!this.open) this.startSegment(outMs);
      else this.maybeCut(outMs, true, frameMs);
    }
    // Keep AAC frames back to back (1024 samples each) unless the source clearly skipped or overlapped.
    const actual = Math.round((outMs * track.sampleRate) / 1000);
    const next = this.audioNextTicks;
    const dts = next !== null && Math.abs(actual - next) <= AAC_FRAME / 2 ? next : actual;
    this.audioNextTicks = dts + AAC_FRAME;
    this.audio.push({ data, dts, cto: 0, key: true, duration: AAC_FRAME });
    this.lastAudioMs = outMs;
  }

  /**
   * Closes the open part and segment (the source restarted, changed codec or ended). The last video frame's
   * duration is estimated from the one before. Returns where the next epoch continues.
   */
  flush(): number {
    const open = this.open;
    if (open) {
      let end = this.partStartMs;
      const last = this.video[this.video.length - 1];
      if (last && this.lastVideoMs !== null) {
        last.duration = this.frameMs * VIDEO_TICKS_PER_MS;
        end = this.lastVideoMs + this.frameMs;
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
    if (this.emitted) this.pendingDiscontinuity = true;
    return this.endMs;
  }

  private maybeCut(outMs: number, key: boolean, unitMs: number): void {
    const open = this.open!;
    if (key && outMs - open.startMs >= this.opts.segmentTargetMs - unitMs / 2) {
      this.closePart(outMs);
      // The segment's last part goes out now, its EXTINF with the next segment's first part. A player then
      // always sees the last part while the segment is still open: hls.js (1.7) takes a complete segment
      // whose unloaded tail is under 0.2 s for fully buffered and never loads that last part, stalling
      // until the segment leaves the part window (~3 s).
      this.open = null;
      if (open.parts.length === 0) this.nextMsn = open.msn;
      else this.ending = { segment: open, endMs: outMs };
      this.startSegment(outMs);
    } else if (outMs - this.partStartMs + unitMs > this.opts.partTargetMs + CUT_SLACK_MS) {
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

  private closePart(endMs: number): void {
    const open = this.open;
    if (!open || (this.video.length === 0 && this.audio.length === 0)) return;
    const runs: TrackRun[] = [];
    const v = this.video[0];
    const a = this.audio[0];
    if (v) runs.push({ trackId: VIDEO_TRACK_ID, baseDecodeTime: v.dts, samples: this.video });
    if (a) runs.push({ trackId: AUDIO_TRACK_ID, baseDecodeTime: a.dts, samples: this.audio });
    const independent = this.tracks.video ? v?.key === true : true;
    const bytes = fragment(++this.sequence, runs);
    this.announceEnding(); // the previous segment closes as this one's first part appears
    open.parts.push({ index: open.parts.length, durationMs: endMs - this.partStartMs, independent, bytes });
    this.video = [];
    this.audio = [];
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
    open.durationMs = endMs - open.startMs;
    // The anchor only falls; it fell during this segment when the segment began with frames that arrived
    // late in a burst (a pre-rolled GOP, a source catching up): date the segment by the settled anchor so
    // it does not overlap the next one.
    open.programDateTime = Math.round(this.anchor + open.startMs);
    // One copy per segment; the parts become views into it so a segment costs its bytes once.
    const bytes = Buffer.concat(open.parts.map((p) => p.bytes));
    let off = 0;
    for (const p of open.parts) {
      const len = p.bytes.length;
      p.bytes = bytes.subarray(off, off + len);
      off += len;
    }
    open.bytes = bytes;
    this.onSegment(open);
  }
}
