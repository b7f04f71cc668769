// Test FLV files from a real encoder: what a camera publishes before and after someone switches its
// audio on — H.264 alone, then H.264 + AAC (x264 + ffmpeg's AAC, 1 s GOPs, no B-frames).
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export function encodeFlv(dir: string, name: string, seconds: number, withAudio: boolean): string {
  const file = join(dir, `${name}.flv`);
  execFileSync("/usr/bin/ffmpeg", [
    ...["-hide_banner", "-loglevel", "error", "-y"],
    ...["-f", "lavfi", "-i", `testsrc2=size=320x180:rate=25:duration=${seconds}`],
    ...(withAudio ? ["-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`] : []),
    ...["-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "25"],
    ...(withAudio ? ["-c:a", "aac", "-b:a", "64k"] : ["-an"]),
    ...["-f", "flv", file],
  ]);
  return file;
}
