// Province glass-to-glass (issue 18): a live clock camera (ffmpeg stamping each frame with the wall clock
// as a barcode, RTMP push) at 盘锦监狱's edge; Chromium plays it twice with the same player —
// directly at the edge (the baseline: RTMP → the edge's LL-HLS) and at the bureau, which knows the camera
// only from the edge's GB/T 28181 catalogue: the bureau's first playlist INVITEs the edge, the edge answers
// with PS over RTP from the stream it already ingests, the bureau packages it. Bureau and edge are real
// processes (bench/lib/province.ts). Owns its gateways, publisher and browser context and stops them even
// on failure; never touches product code.
import { loadavg } from "node:os";
import { findFfmpeg } from "@cw/streams";
import type { Browser } from "playwright-core";
import { wallHlsConfig } from "../apps/wall/src/player/hlsConfig";
import { PASSWORD } from "../e2e/support/fixtures";
import { GatewayClient } from "./lib/api";
import { clockPublisherArgs } from "./lib/barcode";
import { run } from "./lib/baseline";
import { type PlayResult, play, preparePage } from "./lib/browser";
import { fmt, percentile } from "./lib/proc";
import { startProvince } from "./lib/province";
import { waitFor } from "./media-latency";

const SAMPLE = { warmupMs: 5_000, sampleMs: Number(process.env.BENCH_SAMPLE_MS ?? 20_000) };
const NAME = "时钟摄像机";

/** A main tile of the wall as it plays (its hls.js settings and live-edge follower), and the same without the follower. */
const wallMain = { config: wallHlsConfig("main") as Record<string, unknown>, followLive: true };
const players: Array<[string, typeof wallMain]> = [
  ['a main tile of the wall (`wallHlsConfig("main")` + the live-edge follower `player/liveEdge.ts`)', wallMain],
  ["the same without the follower (stays on the key frame it started on)", { ...wallMain, followLive: false }],
];

interface Row {
  path: string;
  config: string;
  r: PlayResult;
  load: number;
}

export async function provinceG2g(browser: Browser): Promise<string[]> {
  const { ffmpeg } = findFfmpeg();
  const p = await startProvince({ prisons: ["pj"], edge: () => ({ SIM: "0", STREAM_IDLE_S: "10" }) });
  const edge = p.edges[0];
  if (!edge) throw new Error("no edge");
  let pub: { stop(): Promise<void> } | null = null;
  const rows: Row[] = [];
  try {
    const edgeApi = new GatewayClient(edge.gw.url);
    await edgeApi.login("commander", PASSWORD);
    const cam = await edgeApi.createRtmpCamera(NAME);
    pub = run(ffmpeg, clockPublisherArgs(cam.publishUrl));
    // The edge's catalogue NOTIFY brings the camera to the bureau, under 盘锦监狱, by its name.
    let bureauCam = "";
    await waitFor(async () => {
      const cams = await p.api.json<{ id: string; name: string }[]>("GET", "/api/v1/cameras?prisonId=pj");
      bureauCam = cams.find((c) => c.id.startsWith("gb-") && c.name === NAME)?.id ?? "";
      return bureauCam !== "";
    }, 60_000);
    const targets: Array<[string, string, string]> = [
      ["direct: at the edge (RTMP → edge LL-HLS)", edge.gw.url, cam.id],
      ["through the bureau (edge → PS over RTP → bureau LL-HLS)", p.bureau.url, bureauCam],
    ];
    for (const [config, player] of players) {
      for (const [path, base, id] of targets) {
        const ctx = await browser.newContext({ bypassCSP: true }); // the gateway's CSP forbids the injected measuring script
        try {
          await ctx.request.post(`${base}/api/v1/session`, { data: { username: "commander", password: PASSWORD } });
          const page = await ctx.newPage();
          await preparePage(page, `${base}/healthz`);
          const load = loadavg()[0] ?? Number.NaN;
          const r = await play(page, {
            playPath: `/api/v1/cameras/${id}/play?variant=main`,
            ...player,
            ...SAMPLE,
            barcode: true,
          });
          if (process.env.BENCH_DEBUG) console.error(path, config, JSON.stringify(r.info));
          rows.push({ path, config, r, load });
        } finally {
          await ctx.close();
        }
      }
    }
  } finally {
    await pub?.stop();
    await p.stop();
  }
  const lat = (r: PlayResult) => r.latenciesMs.filter((x) => x >= 0 && x < 60_000);
  const loads = rows.map((r) => r.load);
  return [
    "## Province glass-to-glass: bureau through edge (issue 18)",
    "",
    "`npm run bench -- province-g2g` (`bench/province-g2g.ts`). A bureau and 盘锦监狱's edge as real gateway processes (the",
    "wiring of `npm run province`). A live clock camera at the edge: ffmpeg stamps each frame with the wall clock as a",
    "barcode (x264 zerolatency, 25 fps, 1 s GOP) and pushes it over RTMP to the edge. Chromium plays it as a main tile of the wall does (its hls.js settings and live-edge follower) and",
    "reads the barcode of each presented frame against its own clock: directly at the edge (the baseline, measured in",
    "the same run), and at the bureau, which knows the camera only from the edge's GB/T 28181 catalogue — its first",
    "playlist INVITEs the edge, the edge answers with PS over RTP from the stream it already ingests (no second pull),",
    `the bureau packages it as LL-HLS. ${fmt(SAMPLE.sampleMs / 1000, 0)} s samples after ${fmt(SAMPLE.warmupMs / 1000, 0)} s of playing, one after another, each in a fresh page.`,
    "Target: through the bureau p50 ≤ 1.0 s (direct: 0.6 s).",
    "",
    "| path | player | samples | p50 (s) | p95 (s) | stalls | jumps to live (ms seeking) | fatal hls.js errors | load average (1 min) |",
    "|---|---|---:|---:|---:|---:|---:|---|---:|",
    ...rows.map(
      ({ path, config, r, load }) =>
        `| ${path} | ${config} | ${lat(r).length} | ${fmt(percentile(lat(r), 50) / 1000)} | ${fmt(percentile(lat(r), 95) / 1000)} | ${r.info?.["stalls"] ?? 0} | ${r.info?.["jumps"] ?? 0} (${r.info?.["jumpMs"] ?? 0}) | ${r.fatal.join(", ") || "none"} | ${fmt(load, 1)} |`,
    ),
    "",
    `Machine load average (1 min, 2 cores) over the samples: ${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)}.`,
    "",
  ];
}
