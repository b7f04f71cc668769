// Test clips: ffmpeg renders a short H.264 FLV once; the FlvDemuxer turns it into access units.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { FlvDemuxer } from "../../../src/flv/demuxer";
import type { AccessUnit, VideoTrack } from "../../../src/media/types";

export interface TestClip {
  video: VideoTrack;
  aus: AccessUnit[];
  durationMs: number;
}

export function renderTestClip(file: string, seconds = 2): TestClip {
  execFileSync("/usr/bin/ffmpeg", [
    ...["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi"],
    ...["-i", `testsrc2=size=320x180:rate=25:duration=${seconds}`],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "25", "-an", "-f", "flv", file],
  ]);
  let video: VideoTrack | null = null;
  const aus: AccessUnit[] = [];
  const d = new FlvDemuxer({ tracks: (t) => (video = t.video), unit: (au) => aus.push(au) });
  d.push(readFileSync(file));
  if (!video || aus.length === 0) throw new Error("test clip did not demux");
  return { video, aus, durationMs: seconds * 1000 };
}
