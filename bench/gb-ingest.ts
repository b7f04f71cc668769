// GB/T 28181 ingest cost: RTP → jitter buffer → PS demux → access units → LL-HLS packager, per 2 Mbps stream at
// 100 streams, against the RTMP path's in-process part (FLV demux → the same packager) on the same picture.
// Method: one process, 100 independent pipelines fed frame by frame, interleaved across streams as packets
// would arrive, 20 s of media each; cost = process CPU (user + system) / stream-seconds of media. Both paths
// get identical H.264 (libx264 2 Mbps, 960×540 25 fps, 1 s GOP); GB's is muxed to PS like a device does
// (PSM on key frames, PES split over 1400-byte RTP packets). Sockets are not in this figure: the kernel's
// UDP receive is the same per byte for both paths and is measured by the scale section for RTMP.
// Memory: heap + external bytes held per stream (after a full GC) with 100 pipelines alive after the run.
// Inputs are copied per stream as a socket would deliver them, for both paths.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { FlvDemuxer, findFfmpeg, Packager, RtpPsReceiver } from "@cw/streams";
import { encodeFrames, type SimFrame } from "../e2e/support/gb-sim/media/encode";
import { muxFrame } from "../e2e/support/gb-sim/media/psMux";
import { newSender, packetize } from "../e2e/support/gb-sim/media/rtp";
import { fmt, mb } from "./lib/proc";

const STREAMS = Number(process.env.BENCH_GB_STREAMS ?? 100);
const SECONDS = 20;

function flvOf(ffmpeg: string, frames: SimFrame[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "cw-gbb-"));
  try {
    const es = Buffer.concat(
      frames.flatMap((f) => [
        Buffer.from([0, 0, 0, 1, 9, 0xf0]),
        ...f.nals.flatMap((n) => [Buffer.from([0, 0, 0, 1]), n]),
      ]),
    );
    const r = spawnSync(
      ffmpeg,
      [
        "-hide_banner",
        "-loglevel",
        "error",
        "-f",
        "h264",
        "-r",
        "25",
        "-i",
        "-",
        "-c",
        "copy",
        "-f",
        "flv",
        join(dir, "a.flv"),
      ],
      { input: es },
    );
    if (r.status !== 0) throw new Error(`ffmpeg flv: ${r.stderr}`);
    return readFileSync(join(dir, "a.flv"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Cost {
  path: string;
  cpuPctPerStream: number;
  usPerFrame: number;
  memPerStreamMb: number;
  /** Of which the packager's ring (7 segments of media, the same for every source). */
  ringPerStreamMb: number;
  frames: number;
}

// A full GC before each memory reading, so garbage is not counted as held (bench only; tsx runs without --expose-gc).
setFlagsFromString("--expose_gc");
const runGc = runInNewContext("gc") as () => void;
/** Array buffers are freed by a concurrent sweeper after the GC: give it time, then collect again. */
async function gc(): Promise<void> {
  runGc();
  await new Promise((r) => setTimeout(r, 200));
  runGc();
}

interface Pipe {
  push(i: number): void;
  frames(): number;
  ringBytes(): number;
}

async function measure(path: string, build: () => Pipe, frameCount: number): Promise<Cost> {
  await gc();
  const before = process.memoryUsage();
  const pipes = Array.from({ length: STREAMS }, build);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < frameCount; i++) for (const p of pipes) p.push(i);
  const cpu = process.cpuUsage(cpu0);
  await gc();
  const after = process.memoryUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const frames = pipes.reduce((n, p) => n + p.frames(), 0);
  const held = after.heapUsed + after.external - (before.heapUsed + before.external);
  return {
    path,
    cpuPctPerStream: (cpuMs / 1000 / (STREAMS * SECONDS)) * 100,
    usPerFrame: (cpuMs * 1000) / (STREAMS * frameCount),
    memPerStreamMb: mb(held) / STREAMS,
    ringPerStreamMb: mb(pipes.reduce((n, p) => n + p.ringBytes(), 0)) / STREAMS,
    frames,
  };
}

export async function gbIngest(): Promise<string[]> {
  const { ffmpeg } = findFfmpeg();
  const frames = encodeFrames({
    codec: "h264",
    seconds: SECONDS,
    size: "960x540",
    fps: 25,
    gop: 25,
    bitrate: "2M",
    ffmpeg,
  });
  const sender = newSender(1_000_000_001);
  const rtp = frames.map((f) => packetize(sender, muxFrame(f, { codec: "h264" }), f.pts90));
  const bytes = rtp.flat().reduce((n, p) => n + p.length, 0);
  const flv = flvOf(ffmpeg, frames);
  // FLV cut at the same frame boundaries the RTP run uses, so both pipelines get a frame per step.
  const flvChunks: Buffer[] = [];
  {
    let off = 13; // header + PreviousTagSize0
    const head = flv.subarray(0, off);
    let pending: Buffer[] = [head];
    while (off + 11 <= flv.length) {
      const size = flv.readUIntBE(off + 1, 3);
      const tag = flv.subarray(off, off + 11 + size + 4);
      pending.push(tag);
      if (flv[off] === 9 && flv[off + 11] !== undefined && (flv[off + 12] ?? 0) === 1) {
        flvChunks.push(Buffer.concat(pending));
        pending = [];
      }
      off += 11 + size + 4;
    }
    if (pending.length) flvChunks.push(Buffer.concat(pending));
  }
  const gb = await measure(
    "GB: RTP/PS → packager",
    () => {
      const packager = new Packager();
      let now = 0;
      const rx = new RtpPsReceiver(packager, { ssrc: 1_000_000_001, now: () => now });
      return {
        push(i) {
          now = i * 40;
          // A socket hands over fresh bytes per datagram: copy, as it would.
          for (const p of rtp[i] ?? []) rx.packet(Buffer.from(p));
          if (i % 2 === 0) rx.tick();
        },
        frames: () => rx.stats().ps.frames,
        ringBytes: () => packager.stats().memoryBytes,
      };
    },
    frames.length,
  );
  const rtmp = await measure(
    "RTMP path: FLV → packager (baseline)",
    () => {
      const packager = new Packager();
      let n = 0;
      const demux = new FlvDemuxer({
        tracks: (t) => packager.config(t),
        unit: (au) => {
          n++;
          packager.unit(au);
        },
      });
      return {
        push(i) {
          const c = flvChunks[i];
          if (c) demux.push(Buffer.from(c));
        },
        frames: () => n,
        ringBytes: () => packager.stats().memoryBytes,
      };
    },
    flvChunks.length,
  );
  const mbps = (bytes * 8) / SECONDS / 1e6;
  return [
    "## GB/T 28181 ingest + packaging cost (issue 14)",
    "",
    `${STREAMS} pipelines in one process, each fed ${SECONDS} s of the same ${fmt(mbps, 2)} Mbps H.264 (960×540, 25 fps, 1 s GOP) frame by frame, interleaved across streams; CPU = process user + system time / stream-seconds of media. GB: RTP (1400-byte packets) → jitter buffer → PS demux → access units → packager; baseline: the RTMP path's in-process part (FLV demux → the same packager). Sockets excluded (same kernel cost per byte for both). Target: ≤ 0.2 % of a core and ≤ 1 MB per 2 Mbps stream at 100 streams.`,
    "",
    "| path | streams | frames out | CPU per stream (% of a core) | µs per frame | held per stream (MB) | of which the packager's 7-segment ring (MB) | ingest state (MB) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...[gb, rtmp].map(
      (c) =>
        `| ${c.path} | ${STREAMS} | ${c.frames} | ${fmt(c.cpuPctPerStream, 3)} | ${fmt(c.usPerFrame, 1)} | ${fmt(c.memPerStreamMb, 2)} | ${fmt(c.ringPerStreamMb, 2)} | ${fmt(c.memPerStreamMb - c.ringPerStreamMb, 2)} |`,
    ),
    "",
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await gbIngest()) console.log(line);
}
