// Test media: real H.264 (+ AAC) made once by ffmpeg, demuxed by the media plane's FLV demuxer and cut by
// the real packager, on a wall clock the test chooses. What the recorder receives in production, minus
// the network. A missing ffmpeg fails loudly.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AccessUnit, FlvDemuxer, Packager, type SegmentEvent, type TrackSet } from "@cw/streams";
import { z } from "zod";

export const FFMPEG = "/usr/bin/ffmpeg";
export const FFPROBE = "/usr/bin/ffprobe";

interface Clip {
  tracks: TrackSet;
  aus: AccessUnit[];
  durationMs: number;
}

const clips = new Map<string, Clip>();

/** A 10 s clip, 25 fps, a key frame every second; with audio when asked. Cached across test runs. */
export function clip(audio = true): Clip {
  const key = audio ? "av" : "v";
  const hit = clips.get(key);
  if (hit) return hit;
  const dir = join(tmpdir(), "cw-recording-fixtures");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `clip-${key}-v1.flv`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    const r = spawnSync(FFMPEG, [
      ...["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=10"],
      ...(audio ? ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=10"] : []),
      ...["-c:v", "libx264", "-preset", "veryfast", "-bf", "0", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0"],
      ...(audio ? ["-c:a", "aac", "-b:a", "64k"] : ["-an"]),
      ...["-f", "flv", tmp],
    ]);
    if (r.error || r.status !== 0) throw new Error(`ffmpeg could not make the test clip: ${r.error ?? r.stderr}`);
    renameSync(tmp, file);
  }
  let tracks: TrackSet | null = null;
  const aus: AccessUnit[] = [];
  new FlvDemuxer({ tracks: (t) => (tracks = t), unit: (u) => aus.push(u) }).push(readFileSync(file));
  if (!tracks) throw new Error("the test clip has no tracks");
  // Media time 0 is the first video frame (the packager anchors its wall clock there).
  const base = aus.find((u) => u.kind === "video")!.dts;
  const shifted = aus.filter((u) => u.dts >= base).map((u) => ({ ...u, dts: u.dts - base, pts: u.pts - base }));
  const c: Clip = { tracks, aus: shifted, durationMs: 10_000 };
  clips.set(key, c);
  return c;
}

let streams = 0;

/**
 * Segments a real packager closes for `seconds` of the clip (looped) starting at wall time `wallStart`:
 * a fresh packager (a new stream number), its clock at wallStart + media time.
 */
export function segments(opts: { wallStart: number; seconds: number; audio?: boolean; cameraId?: string }): {
  events: SegmentEvent[];
  packager: Packager;
} {
  const c = clip(opts.audio ?? true);
  let now = opts.wallStart;
  const events: SegmentEvent[] = [];
  const stream = ++streams;
  const packager = new Packager({
    now: () => now,
    onSegment: (segment, init) =>
      events.push({ cameraId: opts.cameraId ?? "cam1", variant: "main", stream, segment, init }),
  });
  packager.config(c.tracks);
  const endMs = opts.seconds * 1000;
  for (let loop = 0; loop * c.durationMs < endMs + 1000; loop++) {
    for (const au of c.aus) {
      const t = au.dts + loop * c.durationMs;
      if (t > endMs) break;
      now = opts.wallStart + t;
      packager.unit({ ...au, dts: t, pts: au.pts + loop * c.durationMs });
    }
  }
  packager.end("test over");
  return { events, packager };
}

const zProbe = z.object({
  streams: z.array(z.object({ codec_type: z.string(), codec_name: z.string() }).passthrough()),
  format: z.object({ format_name: z.string(), duration: z.string().optional() }).passthrough(),
});

/** ffprobe's streams and format of a file, or throws with its message. */
export function probe(file: string): z.infer<typeof zProbe> {
  const r = spawnSync(FFPROBE, ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", file], {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`ffprobe could not run (is it installed?): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`ffprobe failed: ${r.stderr.toString()}`);
  return zProbe.parse(JSON.parse(r.stdout.toString()));
}

/** Video frames ffmpeg decodes from a file or playlist; any decoder complaint fails the test. */
export function countFrames(file: string): number {
  const r = spawnSync(
    FFPROBE,
    [
      "-v",
      "error",
      "-select_streams",
      "v:0",
      "-count_frames",
      "-show_entries",
      "stream=nb_read_frames",
      "-of",
      "csv=p=0",
      file,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  if (r.error) throw new Error(`ffprobe could not run (is it installed?): ${r.error.message}`);
  const err = r.stderr.toString().trim();
  if (r.status !== 0 || err) throw new Error(`ffprobe ${file}: ${err || `exit ${r.status}`}`);
  return Number(r.stdout.toString().trim().split(/\s+/)[0]);
}
