// Glass-to-glass latency and time to first frame in Chromium/hls.js: the gateway's in-process LL-HLS
// against the baseline (node-media-server + ffmpeg -f hls -hls_time 1, hls.js defaults / tuned).
import { findFfmpeg } from "@cw/streams";
import type { Browser } from "playwright-core";
import { wallHlsConfig } from "../apps/wall/src/player/hlsConfig";
import { hlsTuning } from "../apps/wall/src/player/hlsTuning";
import { PASSWORD } from "../e2e/support/fixtures";
import { type GatewayProcess, startGateway } from "../e2e/support/gateway";
import { GatewayClient } from "./lib/api";
import { clockPublisherArgs } from "./lib/barcode";
import { run, startHlsRepackager, startNms, startStatic, tempDir } from "./lib/baseline";
import { type PlayResult, play, preparePage } from "./lib/browser";
import { percentile } from "./lib/proc";

export interface LatencyRow {
  setup: string;
  samples: number;
  p50: number;
  p95: number;
  ttffMs: number | null;
  fatal: string[];
  stalls: number;
  jumps: number;
  jumpMs: number;
}

/** The wall's earlier hls.js live settings: the shared tuning with a transmux worker (the ttff section's player). */
export const wallLike: Record<string, unknown> = { ...hlsTuning, enableWorker: true };

interface Player {
  config: Record<string, unknown>;
  followLive?: boolean;
}
/** A main tile as the wall plays it: `wallHlsConfig("main")` and the live-edge follower (player/liveEdge.ts). */
const wallMainTile: Player = { config: wallHlsConfig("main") as Record<string, unknown>, followLive: true };

const ourConfigs: Array<[string, Player]> = [
  ["Command Wall gateway (in-process LL-HLS), the wall's main-tile player", wallMainTile],
  ["same, without the live-edge jump (stays on the key frame it started on)", { ...wallMainTile, followLive: false }],
  ["same gateway, the wall's earlier settings (`hlsTuning` + transmux worker)", { config: wallLike }],
  ...(process.env.BENCH_DEBUG
    ? ([
        ["debug: lowLatencyMode only", { config: { lowLatencyMode: true } }],
        ["debug: + liveSyncDuration 0.6", { config: { ...wallLike, liveSyncDuration: 0.6 } }],
      ] as Array<[string, Player]>)
    : []),
];

function row(setup: string, r: PlayResult): LatencyRow {
  const lat = r.latenciesMs.filter((x) => x >= 0 && x < 60_000);
  return {
    setup,
    samples: lat.length,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    ttffMs: r.ttffMs,
    fatal: r.fatal,
    stalls: r.info?.stalls ?? 0,
    jumps: r.info?.jumps ?? 0,
    jumpMs: r.info?.jumpMs ?? 0,
  };
}

const SAMPLE = { warmupMs: 5_000, sampleMs: Number(process.env.BENCH_SAMPLE_MS ?? 20_000) };

export async function latencyOurs(browser: Browser, gw: GatewayProcess): Promise<LatencyRow[]> {
  const { ffmpeg } = findFfmpeg();
  const api = new GatewayClient(gw.url);
  await api.login("commander", PASSWORD);
  const cam = await api.createRtmpCamera("bench clock");
  const pub = run(ffmpeg, clockPublisherArgs(cam.publishUrl));
  try {
    const ctx = await browser.newContext({ bypassCSP: true }); // the gateway's CSP (script-src 'self') forbids the injected measuring script
    await ctx.request.post(`${gw.url}/api/v1/session`, { data: { username: "commander", password: PASSWORD } });
    const page = await ctx.newPage();
    await preparePage(page, `${gw.url}/healthz`);
    await new Promise((r) => setTimeout(r, 2000)); // let the publisher connect and fill a GOP
    const rows: LatencyRow[] = [];
    for (const [setup, player] of ourConfigs) {
      const r = await play(page, { playPath: `/api/v1/cameras/${cam.id}/play`, ...player, ...SAMPLE, barcode: true });
      if (process.env.BENCH_DEBUG) console.error(setup, JSON.stringify(r.info));
      rows.push(row(setup, r));
    }
    await ctx.close();
    return rows;
  } finally {
    await pub.stop();
  }
}

export async function latencyBaseline(browser: Browser): Promise<LatencyRow[]> {
  const { ffmpeg } = findFfmpeg();
  const nms = await startNms();
  const tmp = tempDir("cw-base-");
  const srv = await startStatic(tmp.dir);
  const pub = run(ffmpeg, clockPublisherArgs(`rtmp://127.0.0.1:${nms.port}/live/clock`));
  await new Promise((r) => setTimeout(r, 1500));
  const hls = startHlsRepackager(ffmpeg, `rtmp://127.0.0.1:${nms.port}/live/clock`, `${tmp.dir}/clock`);
  const rows: LatencyRow[] = [];
  try {
    await waitFor(async () => (await fetch(`${srv.url}/clock/index.m3u8`)).ok, 20_000);
    for (const [setup, config] of [
      ["baseline: nms + ffmpeg -f hls -hls_time 1, hls.js defaults", {}],
      ["baseline, hls.js tuned to one segment (liveSyncDurationCount 1)", { liveSyncDurationCount: 1 }],
    ] as const) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await preparePage(page, `${srv.url}/`);
      rows.push(row(setup, await play(page, { url: `${srv.url}/clock/index.m3u8`, config, ...SAMPLE, barcode: true })));
      await ctx.close();
    }
  } finally {
    await hls.stop();
    await pub.stop();
    await nms.stop();
    await srv.close();
    tmp.remove();
  }
  return rows;
}

export interface TtffRow {
  setup: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

/** Time from "click" (the /play request) to the first presented frame, cold and warm, N runs each. */
export async function ttff(browser: Browser, gw: GatewayProcess, runs = 10): Promise<TtffRow[]> {
  const api = new GatewayClient(gw.url);
  await api.login("commander", PASSWORD);
  const tree = await api.json<{ id: string }[]>("GET", "/api/v1/cameras?prisonId=sy1");
  const cams = tree.map((c) => c.id);
  const ctx = await browser.newContext({ bypassCSP: true }); // the gateway's CSP (script-src 'self') forbids the injected measuring script
  await ctx.request.post(`${gw.url}/api/v1/session`, { data: { username: "commander", password: PASSWORD } });
  const page = await ctx.newPage();
  await preparePage(page, `${gw.url}/healthz`);
  const once = { warmupMs: 0, sampleMs: 200, barcode: false, config: wallLike };
  // Render the clips of the cameras we will use once (the simulator's clip cache; a real camera has no
  // such step). "Cold" below then means: no source running, nothing packaged — the gateway runs with a
  // short STREAM_IDLE_S so the streams stop between runs.
  for (const id of cams.slice(0, runs))
    await play(page, { playPath: `/api/v1/cameras/${id}/play?variant=sub`, ...once });
  const cold: number[] = [];
  const warm: number[] = [];
  for (const id of cams.slice(0, runs)) {
    await waitFor(async () => {
      const h = await api.json<{ cameraId: string }[]>("GET", "/api/v1/streams");
      return !h.some((s) => s.cameraId === id);
    }, 30_000);
    const c = await play(page, { playPath: `/api/v1/cameras/${id}/play?variant=sub`, ...once });
    if (c.ttffMs !== null) cold.push(c.ttffMs);
    const w = await play(page, { playPath: `/api/v1/cameras/${id}/play?variant=sub`, ...once });
    if (w.ttffMs !== null) warm.push(w.ttffMs);
  }
  await ctx.close();
  const mk = (setup: string, v: number[]): TtffRow => ({
    setup,
    runs: v.length,
    p50: percentile(v, 50),
    p95: percentile(v, 95),
    max: Math.max(...v),
  });
  return [mk("cold: source not running, first playlist starts it", cold), mk("warm: stream already packaged", warm)];
}

export async function waitFor(f: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await f()) return;
    } catch {
      /* retry */
    }
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}

export { startGateway };
