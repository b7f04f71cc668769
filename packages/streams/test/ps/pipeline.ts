// Test helper: RTP packets → RtpPsReceiver → a recording MediaSink (and optionally the packager), with a
// fake clock that advances per packet, plus ffprobe on the packager's output.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RtpPsReceiver } from "../../src/gb/rtp-ps-receiver";
import { Packager } from "../../src/hls/packager";
import type { AccessUnit, MediaSink, SourceNote, TrackSet } from "../../src/media/types";
import type { PsError } from "../../src/ps/ps-error";
import { FFPROBE } from "../fmp4/media";

export class Recorder implements MediaSink {
  notes: SourceNote[] = [];
  configs: TrackSet[] = [];
  units: AccessUnit[] = [];
  ends: string[] = [];
  constructor(private readonly next?: MediaSink) {}
  config(t: TrackSet): void {
    this.configs.push(t);
    this.next?.config(t);
  }
  unit(au: AccessUnit): void {
    this.units.push(au);
    this.next?.unit(au);
  }
  discontinuity(r: string): void {
    this.next?.discontinuity(r);
  }
  end(r: string): void {
    this.ends.push(r);
    this.next?.end(r);
  }
  note(n: SourceNote): void {
    this.notes.push(n);
  }
}

export function receive(packets: Buffer[], opts: { ssrc?: number | null; msPerPacket?: number } = {}) {
  const packager = new Packager({ ringSegments: 1000 });
  const rec = new Recorder(packager);
  const errors: PsError[] = [];
  let now = 0;
  const rx = new RtpPsReceiver(rec, { ssrc: opts.ssrc ?? null, now: () => now, onError: (e) => errors.push(e) });
  for (const p of packets) {
    now += opts.msPerPacket ?? 1;
    rx.packet(p);
    rx.tick();
  }
  now += 10_000;
  rx.tick();
  packager.end("test over");
  return { rec, packager, rx, errors };
}

export interface Probe {
  frames: number;
  keyFrames: number;
  width: number;
  height: number;
  codec: string;
  stderr: string;
}

/** Decodes the packager's init + every segment with ffprobe. */
export function probePackager(p: Packager): Probe {
  const init = p.init();
  if (!init) throw new Error("the packager has no init segment: no config reached it");
  const bytes = Buffer.concat([init, ...p.view().segments.map((s) => s.bytes!)]);
  const dir = mkdtempSync(join(tmpdir(), "cw-ps-"));
  try {
    const file = join(dir, "out.mp4");
    writeFileSync(file, bytes);
    const r = spawnSync(FFPROBE, [
      ...["-v", "error", "-show_entries", "frame=key_frame,width,height:stream=codec_name"],
      ...["-of", "json", "-show_frames", file],
    ]);
    if (r.error || r.status !== 0) throw new Error(`ffprobe failed: ${r.error?.message ?? r.stderr.toString()}`);
    const json = JSON.parse(r.stdout.toString()) as {
      frames: { key_frame: number; width: number; height: number }[];
      streams: { codec_name: string }[];
    };
    return {
      frames: json.frames.length,
      keyFrames: json.frames.filter((f) => f.key_frame === 1).length,
      width: json.frames[0]?.width ?? 0,
      height: json.frames[0]?.height ?? 0,
      codec: json.streams[0]?.codec_name ?? "",
      stderr: r.stderr.toString(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The frame's NAL units as the contract carries them: no parameter sets or AUD, 4-byte lengths. */
export function avcc(nals: Buffer[], codec: "h264" | "h265"): Buffer {
  const keep = nals.filter((n) => {
    const t = codec === "h264" ? n[0]! & 0x1f : (n[0]! >> 1) & 0x3f;
    return codec === "h264" ? t !== 7 && t !== 8 && t !== 9 : t < 32 || t > 35;
  });
  return Buffer.concat(
    keep.flatMap((n) => {
      const h = Buffer.alloc(4);
      h.writeUInt32BE(n.length, 0);
      return [h, n];
    }),
  );
}
