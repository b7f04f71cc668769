// Dashboard under an alarm storm (overview issue): Chromium shows /overview, then /screen/dashboard, as
// the commander while a load generator in a separate node process posts signed alarms through the real
// feeds API; the page's requestAnimationFrame cadence and how far its displayed alarm total trails the
// generator's acknowledged (202) count. This file is also the generator's entry (forked with `--loadgen`).
// Owns the gateway, browser and generator it starts and stops them even on failure; no product code.
import { type ChildProcess, fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { Agent, request } from "node:http";
import { cpus, loadavg } from "node:os";
import type { TreeNode } from "@cw/protocol";
import type { Browser } from "playwright-core";
import { PASSWORD } from "../e2e/support/fixtures";
import { removeDataDir, startGateway } from "../e2e/support/gateway";
import { GatewayClient } from "./lib/api";
import { launch } from "./lib/browser";
import { cpuSeconds, fmt, percentile } from "./lib/proc";

export interface DashboardOptions {
  /** Seconds of load per page (env BENCH_DASH_S, default 30). */
  seconds?: number;
  /** Alarms per second (env BENCH_DASH_RATE, default 1000). */
  rate?: number;
  /** Pages to measure, in order (default both). */
  pages?: string[];
}

interface LoadResult {
  t0: number;
  t1: number;
  sent: number;
  acks: number[];
  errors: Record<string, number>;
  maxInFlight: number;
  /** The feed POSTs' answer time, p50 and p95 (ms). */
  answerMs: [number, number];
}

// ---- the load generator (child process) ----

const TYPES = ["gathering", "absence_from_post", "video_tamper", "fighting", "climbing", "fall", "other"];
const SEVERITY = [1, 2, 3, 3, 3, 4, 4, 4, 4, 4];

async function loadgen(base: string, prisons: string[], rate: number, seconds: number, run: string): Promise<void> {
  const url = new URL(base);
  const maxInFlight = Number(process.env.BENCH_DASH_INFLIGHT ?? 256);
  const agent = new Agent({ keepAlive: true, maxSockets: maxInFlight });
  const keys = new Map(prisons.map((p) => [p, createHmac("sha256", "demo").update(p).digest("hex")]));
  const acks: number[] = [];
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let sent = 0;
  let inFlight = 0;
  const post = (i: number) => {
    const prisonId = prisons[i % prisons.length] as string;
    const body = JSON.stringify({
      sourceId: `bench-${run}-${i}`,
      type: TYPES[i % TYPES.length],
      severity: SEVERITY[i % SEVERITY.length],
      occurredAt: Date.now(),
      title: "基准测试报警",
    });
    const ts = String(Date.now());
    const sig = createHmac("sha256", keys.get(prisonId) as string)
      .update(`${ts}.${body}`)
      .digest("hex");
    inFlight++;
    const start = Date.now();
    const done = (status: string) => {
      inFlight--;
      latencies.push(Date.now() - start);
      if (status === "202") acks.push(Date.now());
      else errors[status] = (errors[status] ?? 0) + 1;
    };
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: "POST",
        path: `/api/v1/feeds/${prisonId}/alarms`,
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-feed-timestamp": ts,
          "x-feed-signature": `sha256=${sig}`,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => done(String(res.statusCode)));
      },
    );
    req.on("error", (e) => done(e.message));
    req.end(body);
  };
  const t0 = Date.now();
  const end = t0 + seconds * 1000;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = Date.now();
      const due = Math.min(Math.floor(((now - t0) * rate) / 1000), seconds * rate);
      while (sent < due && inFlight < maxInFlight) post(sent++);
      if (now >= end) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const t1 = Date.now();
  const drain = Date.now() + 10_000;
  while (inFlight > 0 && Date.now() < drain) await new Promise((r) => setTimeout(r, 10));
  agent.destroy();
  const result: LoadResult = {
    t0,
    t1,
    sent,
    acks,
    errors,
    maxInFlight,
    answerMs: [percentile(latencies, 50), percentile(latencies, 95)],
  };
  process.send?.(result, () => process.exit(0));
}

if (process.argv.includes("--loadgen")) {
  const [base, prisons, rate, seconds, run] = process.argv.slice(process.argv.indexOf("--loadgen") + 1);
  await loadgen(base as string, (prisons as string).split(","), Number(rate), Number(seconds), run as string);
}

function startLoad(args: string[]): { result: Promise<LoadResult>; child: ChildProcess } {
  const child = fork(import.meta.filename, ["--loadgen", ...args], { execArgv: ["--import", "tsx"] });
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.once("message", (m) => resolve(m as LoadResult));
    child.once("exit", (code) => reject(new Error(`load generator exited with ${code} before reporting`)));
  });
  return { result, child };
}

// ---- in the page ----

/** Frame times and displayed totals (epoch ms), from page load on. */
const probe = `
window.__bench = { frames: [], samples: [], long: [] };
const now = () => performance.timeOrigin + performance.now();
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.long.push([performance.timeOrigin + e.startTime, e.duration]); })
  .observe({ type: 'longtask' });
const frame = () => { window.__bench.frames.push(now()); requestAnimationFrame(frame); };
requestAnimationFrame(frame);
setInterval(() => {
  const kf = document.querySelector('[data-testid="kf-alarms-total"] .ov-kf-value');
  const chart = document.querySelector('[data-testid="chart-types"]');
  const text = kf ? kf.textContent : chart ? chart.getAttribute('data-total') : null;
  const v = text === null ? NaN : Number(String(text).replace(/[^0-9]/g, ''));
  window.__bench.samples.push([Date.now(), v]);
}, 250);`;

interface PageRun {
  path: string;
  idleFps: number;
  fps: number[];
  lags: number[];
  catchUpMs: number;
  load: LoadResult;
  gatewayCpu: number;
  longTaskShare: number;
  /** Live messages per second the page received during the load, by topic. */
  topics: Record<string, number>;
  pageErrors: number;
}

/** Age of the oldest acknowledged alarm the page does not show yet (0 when caught up). */
function lagAt(t: number, shown: number, acks: number[]): number {
  const next = acks[shown];
  return next === undefined || next > t ? 0 : t - next;
}

function perSecond(frames: Array<[number, string]>, from: number, to: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [t, topic] of frames) if (t >= from && t < to) out[topic] = (out[topic] ?? 0) + 1;
  for (const k of Object.keys(out)) out[k] = (out[k] ?? 0) / ((to - from) / 1000);
  return out;
}

const framesIn = (frames: number[], from: number, to: number) => frames.filter((f) => f >= from && f < to).length;

async function measurePage(
  browser: Browser,
  url: string,
  path: string,
  args: (run: string) => string[],
  gwPid: number,
): Promise<PageRun> {
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  let child: ChildProcess | null = null;
  try {
    const page = await ctx.newPage();
    let pageErrors = 0;
    page.on("pageerror", () => pageErrors++);
    // Live frames the page receives, by topic, with their arrival time (what the page has to digest).
    const frames: Array<[number, string]> = [];
    page.on("websocket", (ws) =>
      ws.on("framereceived", (f) => {
        const m = /^\{"topic":"([^"]+)"/.exec(String(f.payload).slice(0, 64));
        frames.push([Date.now(), m?.[1] ?? "?"]);
      }),
    );
    // Logged in through the login page, as a commander does (the wall keeps its own session state).
    await page.goto(`${url}/`);
    await page.getByTestId("login-username").fill("commander");
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("tree").waitFor();
    await page.addInitScript(probe);
    await page.goto(`${url}${path}`);
    await page.getByTestId("kf-alarms-total").waitFor();
    const api = new GatewayClient(url);
    await api.login("commander", PASSWORD);
    const total = (await api.json<{ today: { alarms: { total: number } } }>("GET", "/api/v1/overview")).today.alarms
      .total;
    const shown = () =>
      page.evaluate(() => (window as unknown as { __bench: { samples: number[][] } }).__bench.samples);
    const deadline = Date.now() + 15_000;
    while (((await shown()).at(-1)?.[1] ?? -1) !== total && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 3000)); // idle frames for the reference cadence
    const cpu0 = cpuSeconds(gwPid);
    const load = startLoad(args(`${path.replaceAll("/", "")}-${Date.now()}`));
    child = load.child;
    const r = await load.result;
    const gatewayCpu = (cpuSeconds(gwPid) - cpu0) / ((Date.now() - r.t0) / 1000);
    const final = total + r.acks.length;
    const settle = Date.now() + 10_000; // the display's catch-up after the last ack
    while (((await shown()).at(-1)?.[1] ?? -1) < final && Date.now() < settle)
      await new Promise((res) => setTimeout(res, 100));
    const b = await page.evaluate(
      () =>
        (window as unknown as { __bench: { frames: number[]; samples: Array<[number, number]>; long: number[][] } })
          .__bench,
    );
    const busyMs = b.long.filter(([t]) => (t ?? 0) >= r.t0 && (t ?? 0) < r.t1).reduce((a, [, d]) => a + (d ?? 0), 0);
    const fps: number[] = [];
    for (let w = r.t0; w + 1000 <= r.t1; w += 1000) fps.push(framesIn(b.frames, w, w + 1000));
    const during = b.samples.filter(([t, v]) => t >= r.t0 && t <= r.t1 && Number.isFinite(v));
    const lags = during.map(([t, v]) => lagAt(t, v - total, r.acks));
    const caught = b.samples.find(([t, v]) => t >= r.t1 && v >= final);
    const lastAck = r.acks.at(-1) ?? r.t1;
    return {
      path,
      idleFps: framesIn(b.frames, r.t0 - 3000, r.t0) / 3,
      fps,
      lags,
      catchUpMs: caught ? caught[0] - lastAck : Number.NaN,
      load: r,
      gatewayCpu,
      longTaskShare: busyMs / (r.t1 - r.t0),
      topics: perSecond(frames, r.t0, r.t1),
      pageErrors,
    };
  } finally {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await ctx.close();
  }
}

export async function dashboardFps(opts: DashboardOptions = {}): Promise<string[]> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_DASH_S ?? 30);
  const rate = opts.rate ?? Number(process.env.BENCH_DASH_RATE ?? 1000);
  const paths = opts.pages ?? ["/overview", "/screen/dashboard"];
  const load0 = loadavg()[0] ?? Number.NaN;
  const gw = await startGateway({ FEED_SIM: "0", LOG_LEVEL: "error" });
  const browser = await launch();
  const runs: PageRun[] = [];
  let prisonCount = 0;
  try {
    const api = new GatewayClient(gw.url);
    await api.login("commander", PASSWORD);
    const prisons = (await api.json<TreeNode>("GET", "/api/v1/tree")).children
      .filter((c) => c.kind === "prison")
      .map((c) => c.id);
    prisonCount = prisons.length;
    const args = (run: string) => [gw.url, prisons.join(","), String(rate), String(seconds), run];
    for (const p of paths) runs.push(await measurePage(browser, gw.url, p, args, gw.pid));
  } finally {
    await browser.close();
    await gw.stop();
    removeDataDir(gw);
  }
  const lines = [
    `## Dashboard under ${rate} alarms/s (overview issue)`,
    "",
    `A real gateway (no feed simulator); a separate node process posts signed alarms through \`POST /api/v1/feeds/{prison}/alarms\` at ${rate}/s for ${seconds} s`,
    `(keep-alive, ≤ ${runs[0]?.load.maxInFlight ?? "?"} in flight, ${prisonCount} prisons round robin) while Chromium (1920×1080, commander) shows the page. **fps** = requestAnimationFrame callbacks per 1 s window;`,
    "**staleness** = every 250 ms, the age of the oldest alarm the generator had acknowledged (202) that the page's displayed total (`kf-alarms-total`) does not count yet (0 when caught up).",
    "Target: ≥ 30 fps and figures at most 1 s behind. Reference: the same page idle just before the load.",
    "",
    "| page | idle fps | fps min | fps p50 | windows ≥ 30 fps | staleness p50 (ms) | p95 (ms) | max (ms) | caught up after last ack (ms) | page main thread in long tasks | achieved alarms/s | gateway CPU (cores) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of runs) {
    const ok = r.fps.filter((f) => f >= 30).length;
    const achieved = r.load.acks.length / ((r.load.t1 - r.load.t0) / 1000);
    lines.push(
      `| \`${r.path}\` | ${fmt(r.idleFps, 0)} | ${Math.min(...r.fps)} | ${percentile(r.fps, 50)} | ${fmt((100 * ok) / Math.max(1, r.fps.length), 0)} % (${ok}/${r.fps.length}) | ${fmt(percentile(r.lags, 50), 0)} | ${fmt(percentile(r.lags, 95), 0)} | ${fmt(Math.max(...r.lags), 0)} | ${Number.isFinite(r.catchUpMs) ? fmt(r.catchUpMs, 0) : "> 10000"} | ${fmt(100 * r.longTaskShare, 0)} % | ${fmt(achieved, 0)} | ${fmt(r.gatewayCpu)} |`,
    );
  }
  lines.push("");
  lines.push(
    `Machine load average (1 min) at start / end: ${fmt(load0, 1)} / ${fmt(loadavg()[0] ?? Number.NaN, 1)} on ${cpus().length} cores.`,
  );
  for (const r of runs) {
    const errs = Object.entries(r.load.errors).map(([k, n]) => `${k}×${n}`);
    lines.push(
      `\`${r.path}\`: sent ${r.load.sent}, 202 ${r.load.acks.length} (answer p50 ${fmt(r.load.answerMs[0], 0)} ms, p95 ${fmt(r.load.answerMs[1], 0)} ms), other answers ${errs.join(", ") || "none"}; page errors ${r.pageErrors}; live messages/s at the page: ${
        Object.entries(r.topics)
          .map(([k, n]) => `${k} ${fmt(n, 1)}`)
          .join(", ") || "none"
      }.`,
    );
  }
  lines.push("");
  return lines;
}
