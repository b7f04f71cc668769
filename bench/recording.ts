// Recording benchmarks (issue 16): what recording costs on top of packaging at N recorded streams and
// its write amplification; a 30-day timeline query; a retention sweep over 30 days × 100 cameras and the
// event-loop delay while it runs. The Chromium figures (seek, instant replay) are in recording-browser.ts.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { ProtectedSpans, RecordingStore, sweep } from "@cw/recording";
import { findFfmpeg } from "@cw/streams";
import { PASSWORD } from "../e2e/support/fixtures";
import { removeDataDir, startGateway } from "../e2e/support/gateway";
import { GatewayClient } from "./lib/api";
import { type Proc, run, tempDir } from "./lib/baseline";
import { cpuShare, fmt, percentile } from "./lib/proc";
import { makeClip } from "./media-scale";

const MEASURE_MS = Number(process.env.BENCH_REC_MS ?? 30_000);
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DAY = 86_400_000;
const FILE_MS = 600_000;

/** wchar (bytes handed to write()) and write_bytes (bytes sent to storage) of a process. */
function io(pid: number): { wchar: number; writeBytes: number } {
  const s = readFileSync(`/proc/${pid}/io`, "utf8");
  const get = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, "m").exec(s)?.[1] ?? 0);
  return { wchar: get("wchar"), writeBytes: get("write_bytes") };
}

/** Bytes of the recording files (`*.mp4`) under a recordings directory. */
function mediaBytes(root: string): number {
  let n = 0;
  for (const cam of readdirSync(root, { withFileTypes: true })) {
    if (!cam.isDirectory() || cam.name.startsWith(".")) continue;
    for (const f of readdirSync(join(root, cam.name)))
      if (f.endsWith(".mp4")) n += statSync(join(root, cam.name, f)).size;
  }
  return n;
}

async function cost(n: number): Promise<string[]> {
  const { ffmpeg } = findFfmpeg();
  const tmp = tempDir("cw-rec-bench-");
  const recDir = join(tmp.dir, "recordings");
  const gw = await startGateway({
    SIM: "0",
    FEED_SIM: "0",
    LOG_LEVEL: "error",
    STREAM_IDLE_S: "60",
    RECORD_REPLAY: "0",
    RECORD_DIR: recDir,
  });
  const pubs: Proc[] = [];
  let polling = true;
  try {
    const file = makeClip(ffmpeg, tmp.dir, 2000, "1280x720");
    const api = new GatewayClient(gw.url);
    await api.login("commander", PASSWORD);
    const cams = [];
    for (let i = 0; i < n; i++) cams.push(await api.createRtmpCamera(`rec ${i}`));
    for (const c of cams)
      pubs.push(
        run(ffmpeg, [
          "-nostdin",
          "-hide_banner",
          "-loglevel",
          "error",
          "-re",
          "-stream_loop",
          "-1",
          "-i",
          file,
          "-c",
          "copy",
          "-f",
          "flv",
          c.publishUrl,
        ]),
      );
    await settle(5000);
    // Packaging alone: every stream kept packaged by a playlist poll every 2 s (no replay buffer).
    const urls = await Promise.all(cams.map((c) => api.playUrl(c.id, "main")));
    const loops = urls.map(async (u) => {
      while (polling) {
        await fetch(u)
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
        await settle(2000);
      }
    });
    await settle(6000);
    const ioA0 = io(gw.pid);
    const cpuA = await cpuShare([gw.pid], MEASURE_MS);
    const ioA1 = io(gw.pid);
    // The same, recorded: a continuous plan on every camera.
    for (const c of cams)
      await api.json("PUT", `/api/v1/cameras/${c.id}/recording`, { mode: "continuous", retentionDays: 1 });
    await settle(6000);
    const ioB0 = io(gw.pid);
    const mb0 = mediaBytes(recDir);
    const cpuB = await cpuShare([gw.pid], MEASURE_MS);
    const ioB1 = io(gw.pid);
    const mb1 = mediaBytes(recDir);
    polling = false;
    await Promise.all(loops);
    const media = mb1 - mb0;
    // What packaging alone writes (sockets, journal) over the same time is taken out of the recording phase.
    const wchar = ioB1.wchar - ioB0.wchar - (ioA1.wchar - ioA0.wchar);
    const disk = ioB1.writeBytes - ioB0.writeBytes - (ioA1.writeBytes - ioA0.writeBytes);
    const perStream = ((cpuB - cpuA) * 100) / n;
    const mbps = (media * 8) / (MEASURE_MS / 1000) / n / 1e6;
    return [
      `| ${n} | ${fmt(cpuA * 100, 1)} | ${fmt(cpuB * 100, 1)} | **${fmt(perStream, 3)}** | ${fmt(mbps, 2)} | ${fmt(media / 2 ** 20, 0)} | **${fmt(wchar / media, 3)}** | ${fmt(disk / media, 3)} |`,
    ];
  } finally {
    polling = false;
    await Promise.all(pubs.map((p) => p.stop()));
    await gw.stop();
    removeDataDir(gw);
    tmp.remove();
  }
}

/** A camera's recordings directory with `days` of sealed 10-minute files (names only, empty files). */
function syntheticCamera(dir: string, now: number, days: number, bytes: number): number {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (let start = now - days * DAY; start + FILE_MS <= now; start += FILE_MS) {
    // A stop of 10 minutes every 6 hours, so the timeline has gaps.
    if ((start / FILE_MS) % 36 === 7) continue;
    writeFileSync(join(dir, `${start}.mp4`), "");
    writeFileSync(join(dir, `${start}_${start + FILE_MS}_${bytes}.idx`), "");
    n++;
  }
  return n;
}

async function timeline30(): Promise<string[]> {
  const tmp = tempDir("cw-rec-tl-");
  const recDir = join(tmp.dir, "recordings");
  const now = Math.floor(Date.now() / FILE_MS) * FILE_MS;
  const files = syntheticCamera(join(recDir, "pj-b1-s1-cell"), now, 30, 150_000_000);
  const gw = await startGateway({ SIM: "0", FEED_SIM: "0", LOG_LEVEL: "error", RECORD_DIR: recDir });
  try {
    const api = new GatewayClient(gw.url);
    await api.login("commander", PASSWORD);
    const ms: number[] = [];
    let spans = 0;
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const r = await api.json<{ spans: unknown[] }>(
        "GET",
        `/api/v1/cameras/pj-b1-s1-cell/recordings?from=${now - 30 * DAY}&to=${now}`,
      );
      ms.push(performance.now() - t0);
      spans = r.spans.length;
    }
    return [
      `| 30 days, one camera (${files} files, ${spans} spans) | 100 | ${fmt(percentile(ms, 50), 1)} | ${fmt(percentile(ms, 95), 1)} | ${fmt(Math.max(...ms), 1)} |`,
    ];
  } finally {
    await gw.stop();
    removeDataDir(gw);
    tmp.remove();
  }
}

async function retention(cameras: number): Promise<string[]> {
  const tmp = tempDir("cw-rec-ret-");
  try {
    const now = Math.floor(Date.now() / FILE_MS) * FILE_MS;
    const bytes = 150_000_000;
    let files = 0;
    for (let c = 0; c < cameras; c++) files += syntheticCamera(join(tmp.dir, `cam${c}`), now, 30, bytes);
    const t0 = performance.now();
    const store = await RecordingStore.open({ root: tmp.dir });
    const openMs = performance.now() - t0;
    const rows: string[] = [];
    const measure = async (what: string, keepDays: number, quotaBytes: number) => {
      const h = monitorEventLoopDelay({ resolution: 1 });
      h.enable();
      const s0 = performance.now();
      const r = await sweep(
        store,
        { keepMs: () => keepDays * DAY, evidence: new ProtectedSpans() },
        { now, quotaBytes },
      );
      const took = performance.now() - s0;
      h.disable();
      rows.push(
        `| ${what} | ${r.deletedByAge + r.deletedByQuota} | ${fmt(took / 1000, 1)} | ${fmt(h.percentile(50) / 1e6, 1)} | **${fmt(h.percentile(99) / 1e6, 1)}** | ${fmt(h.max / 1e6, 1)} |`,
      );
    };
    await measure("by age: 30 → 29 days", 29, Number.POSITIVE_INFINITY);
    await measure(
      "by quota: one more day, oldest of any camera first",
      365,
      store.catalog.totalBytes - cameras * 144 * bytes,
    );
    return [
      `${cameras} cameras × 30 days: ${files} files (and as many indexes); opening the store (one readdir per camera) took ${fmt(openMs / 1000, 1)} s.`,
      "",
      ...rowsHeader(),
      ...rows,
    ];
  } finally {
    tmp.remove();
  }
}

const rowsHeader = () => [
  "| sweep | files deleted | took (s) | event-loop delay p50 (ms) | p99 (ms) | max (ms) |",
  "|---|---:|---:|---:|---:|---:|",
];

export async function recordingServer(): Promise<string[]> {
  const n = Number(process.env.BENCH_REC_N ?? 100);
  const lines = [
    "## Recording: cost, timeline, retention (recording issue)",
    "",
    `N real ffmpeg publishers push a 2 Mbps H.264 clip (1280×720, 25 fps, 1 s GOP, \`-re -c copy\`) over RTMP into a gateway; every stream is`,
    "kept packaged by a playlist poll every 2 s, without the instant-replay buffer (RECORD_REPLAY=0). The gateway's CPU is measured",
    `for ${MEASURE_MS / 1000} s packaging only, then ${MEASURE_MS / 1000} s with a continuous recording plan on every camera; the difference over N is`,
    "what recording costs per stream. Write amplification: bytes the gateway handed to write() (wchar) — and bytes it sent to the",
    "storage layer (write_bytes) — in the recording phase, less what it wrote packaging alone, over the growth of the recording files.",
    "Targets: ≤ 0.1 % of a core per 2 Mbps stream at 100 recorded streams; write amplification ≤ 1.05.",
    "",
    "| streams | packaging only (% of a core) | packaging + recording (% of a core) | recording per stream (% of a core) | Mbit/s per stream recorded | recorded (MiB) | write amplification (wchar) | (write_bytes) |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...(await cost(n)),
    "",
    "Timeline query: `GET /api/v1/cameras/{id}/recordings` over 30 days for one camera holding 30 days of 10-minute files (a stop",
    "every 6 hours), 100 requests in a row from a client on the same machine (HTTP included). Target ≤ 50 ms.",
    "",
    "| query | requests | p50 (ms) | p95 (ms) | max (ms) |",
    "|---|---:|---:|---:|---:|",
    ...(await timeline30()),
    "",
    "Retention sweep (`@cw/recording` sweep, in-process, on a real directory tree of empty files with sealed names) while",
    "`monitorEventLoopDelay` watches the event loop. Target: p99 ≤ 10 ms while it runs.",
    "",
    ...(await retention(Number(process.env.BENCH_REC_CAMERAS ?? 100))),
    "",
  ];
  return lines;
}
