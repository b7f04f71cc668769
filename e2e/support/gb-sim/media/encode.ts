// GB simulator, media: a camera's picture as real encoder output. ffmpeg (libx264 / libx265) encodes a
// test pattern into an Annex-B elementary stream with one AUD per frame; this splits it into frames the
// way a camera's encoder hands them to its muxer. Shares no code with the gateway (its own start-code
// scanner). Owns one blocking ffmpeg run per call; fails loudly when ffmpeg is missing.
import { spawnSync } from "node:child_process";

export type SimCodec = "h264" | "h265";

export interface SimFrame {
  /** NAL units of the frame, each without start code (AUD removed). */
  nals: Buffer[];
  key: boolean;
  /** Frame index × frame duration, 90 kHz. */
  pts90: number;
}

export interface EncodeOptions {
  codec: SimCodec;
  seconds: number;
  fps?: number;
  size?: string;
  gop?: number;
  /** Target bitrate, e.g. "2M"; default: the encoder's quality default. */
  bitrate?: string;
  ffmpeg?: string;
}

export function encodeFrames(o: EncodeOptions): SimFrame[] {
  const fps = o.fps ?? 25;
  const gop = o.gop ?? fps;
  const rate = o.bitrate ? ["-b:v", o.bitrate, "-maxrate", o.bitrate, "-bufsize", o.bitrate] : [];
  const codecArgs =
    o.codec === "h264"
      ? ["-c:v", "libx264", "-preset", "veryfast", "-g", String(gop), "-bf", "0", "-x264-params", "aud=1", ...rate]
      : [
          "-c:v",
          "libx265",
          "-preset",
          "veryfast",
          "-x265-params",
          `log-level=none:aud=1:keyint=${gop}:bframes=0`,
          ...rate,
        ];
  const r = spawnSync(
    o.ffmpeg ?? "/usr/bin/ffmpeg",
    [
      ...["-hide_banner", "-loglevel", "error", "-f", "lavfi"],
      ...["-i", `testsrc2=size=${o.size ?? "320x180"}:rate=${fps}`, "-t", String(o.seconds), "-pix_fmt", "yuv420p"],
      ...codecArgs,
      ...["-f", o.codec === "h264" ? "h264" : "hevc", "-"],
    ],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  if (r.error) throw new Error(`gb-sim: ffmpeg could not run (is it installed?): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`gb-sim: ffmpeg failed: ${r.stderr.toString()}`);
  return framesOf(r.stdout, o.codec, 90_000 / fps);
}

export function nalUnits(es: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let begin = -1;
  for (let i = 0; i + 2 < es.length; i++) {
    if (es[i] === 0 && es[i + 1] === 0 && es[i + 2] === 1) {
      if (begin >= 0) out.push(trimZeros(es.subarray(begin, i)));
      begin = i + 3;
      i += 2;
    }
  }
  if (begin >= 0) out.push(trimZeros(es.subarray(begin)));
  return out.filter((n) => n.length > 0);
}

function trimZeros(b: Buffer): Buffer {
  let e = b.length;
  while (e > 0 && b[e - 1] === 0) e--;
  return b.subarray(0, e);
}

function framesOf(es: Buffer, codec: SimCodec, ticks: number): SimFrame[] {
  const frames: SimFrame[] = [];
  let nals: Buffer[] = [];
  const typeOf = (n: Buffer) => (codec === "h264" ? n[0]! & 0x1f : (n[0]! >> 1) & 0x3f);
  const aud = codec === "h264" ? 9 : 35;
  const isKey = (t: number) => (codec === "h264" ? t === 5 : t >= 16 && t <= 21);
  const close = () => {
    if (nals.length === 0) return;
    frames.push({ nals, key: nals.some((n) => isKey(typeOf(n))), pts90: Math.round(frames.length * ticks) });
    nals = [];
  };
  for (const n of nalUnits(es)) {
    if (typeOf(n) === aud) close();
    else nals.push(n);
  }
  close();
  return frames;
}
