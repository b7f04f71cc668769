// Test helper: synthetic tracks and access units (opaque payloads) and a compact summary of packager state.
import type { Packager } from "../../src/hls/packager";
import type { AccessUnit, AudioTrack, TrackSet, VideoTrack } from "../../src/media/types";

export const VIDEO: VideoTrack = {
  codec: "h264",
  config: Buffer.from("0164001fffe1", "hex"),
  width: 320,
  height: 180,
  codecString: "avc1.64001f",
};
export const AUDIO: AudioTrack = {
  codec: "aac",
  config: Buffer.from([0x11, 0x90]),
  sampleRate: 48000,
  channels: 2,
  codecString: "mp4a.40.2",
};
export const VIDEO_ONLY: TrackSet = { video: VIDEO, audio: null };
export const MUXED: TrackSet = { video: VIDEO, audio: AUDIO };

const payload = Buffer.from([0, 0, 0, 2, 0x65, 0x88]);

export const vu = (dts: number, key = false, cto = 0): AccessUnit => ({
  kind: "video",
  dts,
  pts: dts + cto,
  key,
  data: payload,
});
export const au = (dts: number): AccessUnit => ({ kind: "audio", dts, pts: dts, key: true, data: payload });

/** `count` video frames from `fromMs`, `fps`, a key frame every `gop` frames (frame 0 of the run is key). */
export function frames(
  fromMs: number,
  count: number,
  opts: { fps?: number; gop?: number; firstIndex?: number } = {},
): AccessUnit[] {
  const fps = opts.fps ?? 25;
  const gop = opts.gop ?? 25;
  const first = opts.firstIndex ?? 0;
  const out: AccessUnit[] = [];
  for (let i = first; i < first + count; i++)
    out.push(vu(fromMs + Math.round((i * 1000) / fps) - Math.round((first * 1000) / fps), i % gop === 0));
  return out;
}

export interface SegmentSummary {
  msn: number;
  startMs: number;
  durationMs: number;
  discontinuity: boolean;
  initVersion: number;
  parts: number[];
  independent: boolean[];
}

export function summarize(p: Packager): { segments: SegmentSummary[]; open: SegmentSummary | null } {
  const v = p.view();
  const one = (s: (typeof v.segments)[number]): SegmentSummary => ({
    msn: s.msn,
    startMs: s.startMs,
    durationMs: s.durationMs,
    discontinuity: s.discontinuity,
    initVersion: s.initVersion,
    parts: s.parts.map((x) => x.durationMs),
    independent: s.parts.map((x) => x.independent),
  });
  return { segments: v.segments.map(one), open: v.open ? one(v.open) : null };
}

export function feed(p: Packager, units: AccessUnit[]): void {
  for (const u of units) p.unit(u);
}
