// A pre-rendered clip held in memory: its tracks and access units on a timeline starting at 0, with
// the loop duration. Parsed once per clip and shared read-only by every viewer (never mutate `aus`
// or their data). FLV for H.264 clips, MPEG-TS for H.265 ones (clip-spec.ts). Pure: errors are data.
import { FlvDemuxer } from "../../flv/demuxer";
import type { AccessUnit, TrackSet } from "../../media/types";
import { TsDemuxer } from "../../ts/demuxer";

export interface Clip {
  tracks: TrackSet;
  aus: AccessUnit[];
  /** Loop period: the last frame's time plus one frame interval. */
  durationMs: number;
}

export type ClipResult = { ok: true; clip: Clip } | { ok: false; message: string };

export function parseClip(bytes: Buffer, container: "flv" | "ts" = "flv"): ClipResult {
  let tracks: TrackSet | null = null;
  const raw: AccessUnit[] = [];
  let problem: string | null = null;
  let failed = false;
  if (container === "ts") {
    const d = new TsDemuxer(
      {
        config: (t) => (tracks = t),
        unit: (au) => au.kind === "video" && raw.push(au),
        discontinuity() {},
        end() {},
      },
      (message) => (problem ??= message),
    );
    d.push(bytes);
    d.flush();
  } else {
    const d = new FlvDemuxer({
      tracks: (t) => (tracks = t),
      unit: (au) => au.kind === "video" && raw.push(au),
      error: (e) => (problem ??= e.message),
    });
    d.push(bytes);
    failed = d.isFailed;
  }
  if (failed || !tracks || raw.length < 2) return { ok: false, message: problem ?? "clip has no video" };
  if (!raw[0]!.key) return { ok: false, message: "clip does not start on a key frame" };
  const base = raw[0]!.dts;
  const aus = raw.map((au) => ({ ...au, dts: au.dts - base, pts: au.pts - base }));
  const last = aus[aus.length - 1]!.dts;
  const frame = Math.max(1, Math.round(last / (aus.length - 1)));
  return { ok: true, clip: { tracks, aus, durationMs: last + frame } };
}
