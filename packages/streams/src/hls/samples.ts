// The samples a part is made of and the arithmetic of cutting them: units of both tracks on their own
// timescales, which of them a part keeps and which open the next one, and the fMP4 runs written for a
// part. Pure: the segmenter (segmenter.ts) owns the state and decides where to cut.
import type { FragmentSample, TrackRun } from "../fmp4/fragment";
import { AUDIO_TRACK_ID, VIDEO_TIMESCALE, VIDEO_TRACK_ID } from "../fmp4/init";
import type { TrackSet } from "../media/types";

export interface Sample extends FragmentSample {
  /** Decode time in the track's timescale. */
  dts: number;
}

export const AAC_FRAME = 1024;
/** Millisecond timestamps jitter by ±1 ms; this slack keeps a part from being cut one frame early. */
export const CUT_SLACK_MS = 2;
export const VIDEO_TICKS_PER_MS = VIDEO_TIMESCALE / 1000;

export interface Split {
  video: Sample[];
  audio: Sample[];
  carriedVideo: Sample[];
  carriedAudio: Sample[];
}

/**
 * The units of a part ending at `endMs`: the driving track (video, else audio) keeps all but its last
 * `carry` units, which open the next part together with the audio that belongs after the cut.
 */
export function splitAtCut(tracks: TrackSet, video: Sample[], audio: Sample[], endMs: number, carry: number): Split {
  const driving = tracks.video ? video : audio;
  const keep = driving.length - carry;
  const split: Split = {
    video: tracks.video ? video.slice(0, keep) : [],
    carriedVideo: tracks.video ? video.slice(keep) : [],
    audio: tracks.video ? audio : audio.slice(0, keep),
    carriedAudio: tracks.video ? [] : audio.slice(keep),
  };
  if (carry > 0 && tracks.video && tracks.audio) {
    // Audio after the cut belongs with the video frame that now opens the next part.
    const at = Math.round((endMs * tracks.audio.sampleRate) / 1000);
    split.audio = audio.filter((s) => s.dts < at);
    split.carriedAudio = audio.filter((s) => s.dts >= at);
  }
  return split;
}

/** The fMP4 track runs of a part (video first), empty when it holds nothing. */
export function partRuns(video: Sample[], audio: Sample[]): TrackRun[] {
  const runs: TrackRun[] = [];
  const v = video[0];
  const a = audio[0];
  if (v) runs.push({ trackId: VIDEO_TRACK_ID, baseDecodeTime: v.dts, samples: video });
  if (a) runs.push({ trackId: AUDIO_TRACK_ID, baseDecodeTime: a.dts, samples: audio });
  return runs;
}

/**
 * How many of the held frames, from the part's start, make a part ending before `limitMs` (the next
 * frame's time is the end): at least one, never the last (it opens the next part).
 */
export function framesThatFit(video: Sample[], limitMs: number): number {
  let n = 1;
  while (n < video.length - 1 && video[n + 1]!.dts / VIDEO_TICKS_PER_MS <= limitMs) n++;
  return n;
}

/**
 * AAC frames are kept back to back (1024 samples each) unless the source clearly skipped: the frame's dts
 * in samples, the expected one (`next`) when within half a frame of it.
 */
export function aacDts(actual: number, next: number | null): number {
  return next !== null && Math.abs(actual - next) <= AAC_FRAME / 2 ? next : actual;
}

/** An AAC frame that overlaps what is already written (after a shortened video gap) is dropped. */
export function overlapsWritten(actual: number, next: number | null): boolean {
  return next !== null && actual < next - AAC_FRAME / 2;
}
