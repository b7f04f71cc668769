// Test helper: real H.264 / H.265 / AAC elementary streams made by ffmpeg, split into access units the way
// a source would deliver them (AVCC length-prefixed NAL units, raw AAC frames). Independent of src/flv.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { audioTrackFromConfig, videoTrackFromConfig } from "../../src/codec/tracks";
import type { AccessUnit, AudioTrack, TrackSet, VideoTrack } from "../../src/media/types";

export const FFMPEG = "/usr/bin/ffmpeg";
export const FFPROBE = "/usr/bin/ffprobe";

export function run(cmd: string, args: string[], input?: Buffer): Buffer {
  const r = spawnSync(cmd, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not run (is it installed?): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr.toString()}`);
  return r.stdout;
}

/** Annex-B NAL units (without start codes). */
export function splitAnnexB(buf: Buffer): Buffer[] {
  const starts: { at: number; len: number }[] = [];
  for (let i = 0; i + 2 < buf.length; i++) {
    if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1) {
      starts.push({ at: i + 3, len: i > 0 && buf[i - 1] === 0 ? 4 : 3 });
      i += 2;
    }
  }
  return starts.map((s, k) => {
    const next = starts[k + 1];
    return buf.subarray(s.at, next ? next.at - next.len : buf.length);
  });
}

function lengthPrefixed(nals: Buffer[]): Buffer {
  return Buffer.concat(
    nals.flatMap((n) => [
      Buffer.from([n.length >>> 24, (n.length >> 16) & 255, (n.length >> 8) & 255, n.length & 255]),
      n,
    ]),
  );
}

export interface VideoFixture {
  track: VideoTrack;
  aus: AccessUnit[];
}

/** H.264 from testsrc2: 25 fps, GOP `gop`, no B-frames, one AUD per access unit. */
export function h264Fixture(opts: { seconds?: number; gop?: number; size?: string } = {}): VideoFixture {
  const es = run(FFMPEG, [
    ...["-hide_banner", "-loglevel", "error", "-f", "lavfi"],
    ...["-i", `testsrc2=size=${opts.size ?? "320x180"}:rate=25`, "-t", String(opts.seconds ?? 2)],
    ...["-c:v", "libx264", "-g", String(opts.gop ?? 25), "-bf", "0", "-x264-params", "aud=1"],
    ...["-f", "h264", "-"],
  ]);
  const nals = splitAnnexB(es);
  const sps = nals.find((n) => (n[0]! & 0x1f) === 7)!;
  const pps = nals.find((n) => (n[0]! & 0x1f) === 8)!;
  const avcC = Buffer.concat([
    Buffer.from([1, sps[1]!, sps[2]!, sps[3]!, 0xff, 0xe1, sps.length >> 8, sps.length & 255]),
    sps,
    Buffer.from([1, pps.length >> 8, pps.length & 255]),
    pps,
  ]);
  const aus: AccessUnit[] = [];
  let current: Buffer[] = [];
  const flush = (): void => {
    if (current.length === 0) return;
    const dts = aus.length * 40;
    const key = current.some((n) => (n[0]! & 0x1f) === 5);
    aus.push({ kind: "video", dts, pts: dts, key, data: lengthPrefixed(current) });
    current = [];
  };
  for (const n of nals) {
    const type = n[0]! & 0x1f;
    if (type === 9) flush();
    else if (type !== 7 && type !== 8) current.push(n);
  }
  flush();
  const track = videoTrackFromConfig("h264", avcC);
  if (!track.ok) throw new Error(track.error.message);
  return { track: track.value, aus };
}

export interface AudioFixture {
  track: AudioTrack;
  frames: Buffer[];
}

/** AAC-LC sine, split from ADTS; the AudioSpecificConfig is rebuilt from the first ADTS header. */
export function aacFixture(opts: { seconds?: number; sampleRate?: number } = {}): AudioFixture {
  const adts = run(FFMPEG, [
    ...["-hide_banner", "-loglevel", "error", "-f", "lavfi"],
    ...["-i", `sine=frequency=440:sample_rate=${opts.sampleRate ?? 48000}`, "-t", String(opts.seconds ?? 2)],
    ...["-c:a", "aac", "-ac", "2", "-f", "adts", "-"],
  ]);
  const frames: Buffer[] = [];
  let asc: Buffer | null = null;
  for (let o = 0; o + 7 <= adts.length; ) {
    const protectionAbsent = adts[o + 1]! & 1;
    const len = ((adts[o + 3]! & 3) << 11) | (adts[o + 4]! << 3) | (adts[o + 5]! >> 5);
    const header = protectionAbsent ? 7 : 9;
    if (!asc) {
      const profile = (adts[o + 2]! >> 6) + 1;
      const freq = (adts[o + 2]! >> 2) & 15;
      const ch = ((adts[o + 2]! & 1) << 2) | (adts[o + 3]! >> 6);
      asc = Buffer.from([(profile << 3) | (freq >> 1), ((freq & 1) << 7) | (ch << 3)]);
    }
    frames.push(adts.subarray(o + header, o + len));
    o += len;
  }
  const track = audioTrackFromConfig(asc!);
  if (!track.ok) throw new Error(track.error.message);
  return { track: track.value, frames };
}

/** Video and audio units interleaved by dts, as a muxed source delivers them. */
export function interleave(
  video: VideoFixture | null,
  audio: AudioFixture | null,
): { tracks: TrackSet; aus: AccessUnit[] } {
  const aus: AccessUnit[] = [...(video?.aus ?? [])];
  if (audio) {
    const frameMs = (1024 * 1000) / audio.track.sampleRate;
    audio.frames.forEach((data, i) => {
      const dts = Math.round(i * frameMs);
      aus.push({ kind: "audio", dts, pts: dts, key: true, data });
    });
  }
  aus.sort((a, b) => a.dts - b.dts || (a.kind === "video" ? -1 : 1));
  return { tracks: { video: video?.track ?? null, audio: audio?.track ?? null }, aus };
}

/** The payload of the first box of `type` found anywhere in an MP4 file (naive scan; fine for fixtures). */
export function findBox(mp4: Buffer, type: string): Buffer | null {
  const at = mp4.indexOf(Buffer.from(type, "latin1"));
  if (at < 4) return null;
  const size = mp4.readUInt32BE(at - 4);
  return mp4.subarray(at + 4, at - 4 + size);
}

/** H.265 from x265 (one AUD per access unit); hvcC taken from ffmpeg's own MP4 of the same encode. */
export function h265Fixture(opts: { seconds?: number } = {}): VideoFixture {
  const dir = mkdtempSync(join(tmpdir(), "cw-hevc-"));
  try {
    const file = join(dir, "hevc.mp4");
    run(FFMPEG, [
      ...["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25"],
      ...[
        "-t",
        String(opts.seconds ?? 2),
        "-c:v",
        "libx265",
        "-x265-params",
        "log-level=none:aud=1:keyint=25:bframes=0",
      ],
      ...["-tag:v", "hvc1", file],
    ]);
    const hvcC = findBox(readFileSync(file), "hvcC");
    const es = run(FFMPEG, [
      "-hide_banner",
      "-loglevel",
      "error",
      "-i",
      file,
      "-c",
      "copy",
      "-bsf:v",
      "hevc_mp4toannexb",
      "-f",
      "hevc",
      "-",
    ]);
    const aus: AccessUnit[] = [];
    let current: Buffer[] = [];
    const flush = (): void => {
      if (current.length === 0) return;
      const dts = aus.length * 40;
      const key = current.some((n) => ((n[0]! >> 1) & 0x3f) >= 16 && ((n[0]! >> 1) & 0x3f) <= 23);
      aus.push({ kind: "video", dts, pts: dts, key, data: lengthPrefixed(current) });
      current = [];
    };
    for (const n of splitAnnexB(es)) {
      const type = (n[0]! >> 1) & 0x3f;
      if (type === 35) flush();
      else if (type < 32 || type > 34) current.push(n);
    }
    flush();
    const track = videoTrackFromConfig("h265", Buffer.from(hvcC!));
    if (!track.ok) throw new Error(track.error.message);
    return { track: track.value, aus };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * ffprobe's per-stream fields (decoding every frame for nb_read_frames) of the bytes written to `file`:
 * one array of values per stream, in order. Fails the test when ffprobe reports any error.
 */
export function probeStreams(file: string, bytes: Buffer, fields: string): string[][] {
  writeFileSync(file, bytes);
  const r = spawnSync(FFPROBE, [
    "-v",
    "error",
    "-count_frames",
    "-show_entries",
    `stream=${fields}`,
    "-of",
    "csv=p=0",
    file,
  ]);
  const stderr = r.stderr.toString();
  if (r.status !== 0 || stderr !== "") throw new Error(`ffprobe: ${stderr || r.error?.message}`);
  // For MPEG-TS, csv lists the program's streams and then the streams again: keep one copy.
  const rows = r.stdout
    .toString()
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.split(","));
  const half = rows.length / 2;
  const twice = rows.length > 1 && rows.slice(0, half).join("|") === rows.slice(half).join("|");
  return twice ? rows.slice(0, half) : rows;
}
