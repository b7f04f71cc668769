// The wall issue's benchmarks in real headless Chromium against a real gateway (simulated cameras):
// `wallFrames` — dropped frames of /screen/1 at 16/36/64 tiles, next to a naive page of 36 main-stream
// hls.js players; `wallPush` — a layout PUT from Node until every open screen shows the new state and
// the new cameras' first frames. Owns its gateway, browser, contexts and pages and closes them even on
// failure; never touches product code. CPU of Chromium (by process type), the gateway and the whole
// machine is read from /proc during each window so a missed target comes with its cause.
import { readdirSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { PASSWORD } from "../e2e/support/fixtures";
import { type GatewayProcess, removeDataDir, startGateway } from "../e2e/support/gateway";
import { GatewayClient } from "./lib/api";
import { hlsJsPath, launch } from "./lib/browser";
import { cpuSeconds, fmt, msRow } from "./lib/proc";

const VIEWPORT = { width: 1920, height: 1080 };
const TLS = process.env.BENCH_TLS !== "0";
const transport = TLS ? "HTTPS (HTTP/2, self-signed)" : "plain HTTP/1.1 (BENCH_TLS=0)";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(200);
  }
}

// ---- shared set-up -------------------------------------------------------------------------------

interface Rig {
  gw: GatewayProcess;
  api: GatewayClient;
  browser: Browser;
  cameras: string[];
}

async function withRig<T>(body: (rig: Rig) => Promise<T>): Promise<T> {
  // HTTPS (HTTP/2) as deployed; BENCH_TLS=0 measures plain HTTP/1.1 for comparison.
  const gw = await startGateway({ SIM: "1", FEED_SIM: "0", LOG_LEVEL: "error", TLS_SELF_SIGNED: TLS ? "1" : "0" });
  let browser: Browser | null = null;
  try {
    const api = new GatewayClient(gw.url);
    await api.login("commander", PASSWORD);
    const cameras = (await api.json<{ id: string }[]>("GET", "/api/v1/cameras")).map((c) => c.id);
    browser = await launch();
    return await body({ gw, api, browser, cameras });
  } finally {
    await browser?.close();
    await gw.stop();
    removeDataDir(gw);
  }
}

/** A fresh gateway renders each simulated clip on first view: fetch each playlist once until 200. */
async function warm(api: GatewayClient, ids: string[], variant: "main" | "sub"): Promise<void> {
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const cam = id;
      await until(
        `${variant} playlist of ${cam}`,
        async () => (await fetch(await api.playUrl(cam, variant))).ok,
        60_000,
      );
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

async function loggedIn(rig: Rig): Promise<BrowserContext> {
  const ctx = await rig.browser.newContext({ viewport: VIEWPORT, ignoreHTTPSErrors: true });
  const r = await ctx.request.post(`${rig.gw.url}/api/v1/session`, {
    data: { username: "commander", password: PASSWORD },
  });
  if (!r.ok()) throw new Error(`browser login: ${r.status()}`);
  // The cookie is HttpOnly; the app asks the gateway for its session only when this hint says so.
  await ctx.addInitScript(() => localStorage.setItem("cw.session", "1"));
  return ctx;
}

// ---- CPU from /proc ------------------------------------------------------------------------------

function procTree(): Map<number, { ppid: number; cmd: string }> {
  const out = new Map<number, { ppid: number; cmd: string }>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      out.set(Number(d), { ppid, cmd: readFileSync(`/proc/${d}/cmdline`, "utf8").replaceAll("\0", " ") });
    } catch {
      /* gone */
    }
  }
  return out;
}

function descendants(tree: Map<number, { ppid: number }>, root: number): number[] {
  const found = [root];
  for (let i = 0; i < found.length; i++) for (const [pid, p] of tree) if (p.ppid === found[i]) found.push(pid);
  return found;
}

/** Our processes by role: the gateway (and its ffmpeg renders), Chromium by --type, the bench itself. */
function groups(gwPid: number): Map<string, number[]> {
  const tree = procTree();
  const gw = new Set(descendants(tree, gwPid));
  const g = new Map<string, number[]>([["gateway", [...gw]]]);
  for (const pid of descendants(tree, process.pid)) {
    const cmd = tree.get(pid)?.cmd ?? "";
    if (gw.has(pid) || !cmd.includes("chromium")) continue;
    const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? "browser";
    const key = `chromium ${type}`;
    g.set(key, [...(g.get(key) ?? []), pid]);
  }
  return g;
}

function machineBusy(): { busy: number; total: number } {
  const f = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - (f[3] ?? 0) - (f[4] ?? 0), total };
}

type CpuProfile = Record<string, number>; // % of one core; "machine" is % of all cores

/** Per thread name of these pids: on-CPU and run-queue wait nanoseconds (/proc/<pid>/task/<tid>/schedstat). */
function threads(pids: number[]): Map<string, { run: number; wait: number }> {
  const out = new Map<string, { run: number; wait: number }>();
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, "utf8").trim();
        const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ").map(Number);
        const t = out.get(name) ?? { run: 0, wait: 0 };
        out.set(name, { run: t.run + (run ?? 0), wait: t.wait + (wait ?? 0) });
      } catch {
        /* thread gone */
      }
    }
  }
  return out;
}

/**
 * Starts a CPU window; the returned function ends it. Keys: process groups, "machine" (% of all cores),
 * "thread <name>" (Chromium threads, % of one core) and "wait chromium" / "wait gateway": time runnable
 * but not running (waiting for a core), % of one core.
 */
function cpuWindow(gwPid: number): () => CpuProfile {
  const g = groups(gwPid);
  const chromium = [...g].filter(([k]) => k.startsWith("chromium")).flatMap(([, p]) => p);
  const gateway = g.get("gateway") ?? [];
  const sum = (pids: number[]) => pids.reduce((a, p) => a + safeCpu(p), 0);
  const waitOf = (pids: number[]) => [...threads(pids).values()].reduce((a, t) => a + t.wait, 0);
  const a = new Map([...g].map(([k, pids]) => [k, sum(pids)]));
  const th0 = threads(chromium);
  const w0 = { chromium: waitOf(chromium), gateway: waitOf(gateway) };
  const m0 = machineBusy();
  const t0 = performance.now();
  return () => {
    const dt = (performance.now() - t0) / 1000;
    const out: CpuProfile = {};
    for (const [k, pids] of g) out[k] = ((sum(pids) - (a.get(k) ?? 0)) * 100) / dt;
    for (const [name, t] of threads(chromium)) out[`thread ${name}`] = (t.run - (th0.get(name)?.run ?? 0)) / 1e7 / dt;
    out["wait chromium"] = (waitOf(chromium) - w0.chromium) / 1e7 / dt;
    out["wait gateway"] = (waitOf(gateway) - w0.gateway) / 1e7 / dt;
    const m1 = machineBusy();
    out.machine = ((m1.busy - m0.busy) * 100) / Math.max(1, m1.total - m0.total);
    return out;
  };
}

function safeCpu(pid: number): number {
  try {
    return cpuSeconds(pid);
  } catch {
    return 0;
  }
}

const chromiumTotal = (p: CpuProfile) =>
  Object.entries(p).reduce((a, [k, v]) => (k.startsWith("chromium") ? a + v : a), 0);
/** "chromium renderer 35, …" then the busiest Chromium threads and the run-queue waits. */
const profileText = (p: CpuProfile) => {
  const top = (pred: (k: string) => boolean, n: number, strip = "") =>
    Object.entries(p)
      .filter(([k, v]) => pred(k) && v >= 1)
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(([k, v]) => `${k.slice(strip.length)} ${fmt(v, 0)}`)
      .join(", ");
  const procs = top((k) => k === "gateway" || k.startsWith("chromium"), 8);
  const threads = top((k) => k.startsWith("thread "), 6, "thread ");
  return `${procs}; busiest Chromium threads: ${threads}; waiting for a core: Chromium ${fmt(p["wait chromium"] ?? 0, 0)}, gateway ${fmt(p["wait gateway"] ?? 0, 0)}`;
};

// ---- dropped frames ------------------------------------------------------------------------------

/** In-page: per-<video> playback-quality counters, accumulated across resets (a new MediaSource). */
const qualityProbe = `
window.__cwQ = { seen: new Map(), dropped: 0, total: 0, resets: 0, played: 0, stalls: 0 };
window.__cwQTick = () => {
  const q = window.__cwQ;
  for (const v of document.querySelectorAll('video')) {
    const now = v.getVideoPlaybackQuality();
    const was = q.seen.get(v) ?? { d: 0, t: 0, c: v.currentTime };
    if (!q.seen.has(v)) v.addEventListener('waiting', () => q.stalls++);
    if (now.totalVideoFrames < was.t) { q.resets++; q.dropped += now.droppedVideoFrames; q.total += now.totalVideoFrames; }
    else { q.dropped += now.droppedVideoFrames - was.d; q.total += now.totalVideoFrames - was.t; }
    q.played += Math.max(0, v.currentTime - was.c);
    q.seen.set(v, { d: now.droppedVideoFrames, t: now.totalVideoFrames, c: v.currentTime });
  }
  return { dropped: q.dropped, total: q.total, resets: q.resets, played: q.played, stalls: q.stalls, videos: document.querySelectorAll('video').length };
};`;

interface Quality {
  played: number;
  stalls: number;
  dropped: number;
  total: number;
  resets: number;
  videos: number;
}

interface FramesRow {
  tiles: number;
  setup: string;
  dropped: number;
  total: number;
  seconds: number;
  /** Media seconds played per tile per wall-clock second (1 = no stalls). */
  speed: number;
  resets: number;
  /** 'waiting' events of all videos in the window. */
  stalls: number;
  /** Tiles playing when the window opened (all of them unless start-up did not finish in 60 s). */
  startedTiles: number;
  /** Page opened → every tile playing at once, seconds (null: not within 60 s). */
  startupS: number | null;
  cpu: CpuProfile;
}

const tick = (page: Page) => page.evaluate(() => (window as unknown as { __cwQTick(): Quality }).__cwQTick());

/** Every video has a frame and advances; then the window: counters sampled each second. */
async function sample(
  page: Page,
  rig: Rig,
  tiles: number,
  setup: string,
  seconds: number,
  openedAt: number,
): Promise<FramesRow> {
  // All tiles playing, or (a saturated page may never get there) as many as play after 60 s.
  const playing = () =>
    page.evaluate(
      () =>
        [...document.querySelectorAll("video")].filter((v) => v.readyState >= 2 && v.currentTime > 0 && !v.paused)
          .length,
    );
  const deadline = Date.now() + 60_000;
  while ((await playing()) < tiles && Date.now() < deadline) await sleep(250);
  const startedTiles = await playing();
  const startupS = startedTiles === tiles ? (performance.now() - openedAt) / 1000 : null;
  await sleep(3000); // past start-up catch-up (playbackRate > 1 right after the first frame)
  await page.evaluate(qualityProbe);
  const start = await tick(page);
  const stop = cpuWindow(rig.gw.pid);
  const t0 = performance.now();
  let end = start;
  while (performance.now() - t0 < seconds * 1000) {
    await sleep(1000);
    end = await tick(page);
  }
  const cpu = stop();
  return {
    tiles,
    setup,
    dropped: end.dropped - start.dropped,
    total: end.total - start.total,
    seconds: (performance.now() - t0) / 1000,
    speed: (end.played - start.played) / tiles / ((performance.now() - t0) / 1000),
    resets: end.resets,
    stalls: end.stalls - start.stalls,
    startedTiles,
    startupS,
    cpu,
  };
}

async function screenRow(rig: Rig, tiles: number, seconds: number): Promise<FramesRow> {
  const cams = rig.cameras.slice(0, tiles);
  await warm(rig.api, cams, "sub");
  await rig.api.json("PUT", "/api/v1/wall/screens/1", { layoutId: String(tiles), tiles: cams, tourId: null });
  const ctx = await loggedIn(rig);
  try {
    const page = await ctx.newPage();
    const openedAt = performance.now();
    await page.goto(`${rig.gw.url}/screen/1`);
    await page.locator(`[data-testid=screen-1][data-layout="${tiles}"]`).waitFor();
    const variants = await page
      .locator("[data-testid^=tile-][data-variant]")
      .evaluateAll((ts) => [...new Set(ts.map((t) => (t as HTMLElement).dataset.variant))]);
    return await sample(
      page,
      rig,
      tiles,
      `/screen/1, layout ${tiles} (${variants.join("+")} stream)`,
      seconds,
      openedAt,
    );
  } finally {
    await ctx.close();
  }
}

async function naiveRow(rig: Rig, tiles: number, seconds: number): Promise<FramesRow> {
  const cams = rig.cameras.slice(0, tiles);
  await warm(rig.api, cams, "main");
  const ctx = await loggedIn(rig);
  try {
    const page = await ctx.newPage();
    const openedAt = performance.now();
    await page.goto(`${rig.gw.url}/healthz`);
    const cols = Math.ceil(Math.sqrt(tiles));
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:#000;display:grid;grid-template-columns:repeat(${cols},1fr);height:100vh"></body></html>`,
    );
    await page.addScriptTag({ path: hlsJsPath });
    await page.evaluate(async (ids) => {
      for (const id of ids) {
        const { hls } = await (await fetch(`/api/v1/cameras/${id}/play?variant=main`)).json();
        const v = document.createElement("video");
        v.muted = true;
        v.autoplay = true;
        v.style.cssText = "width:100%;height:100%;min-height:0;object-fit:contain";
        document.body.appendChild(v);
        const h = new (
          window as unknown as {
            Hls: new () => { loadSource(u: string): void; attachMedia(v: HTMLVideoElement): void };
          }
        ).Hls();
        h.loadSource(hls);
        h.attachMedia(v);
        void v.play().catch(() => {});
      }
    }, cams);
    return await sample(page, rig, tiles, "naive page: main stream, hls.js defaults", seconds, openedAt);
  } finally {
    await ctx.close();
  }
}

export interface WallFramesOptions {
  /** Window per size in seconds (BENCH_WALL_S, default 60). */
  seconds?: number;
  /** Tile counts of /screen/1 (BENCH_WALL_SIZES, default 16,36,64). */
  sizes?: number[];
  /** Tiles of the naive baseline page; 0 skips it (BENCH_WALL_NAIVE, default 36). */
  naive?: number;
}

export async function wallFrames(opts: WallFramesOptions = {}): Promise<string[]> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_WALL_S ?? 60);
  const sizes =
    opts.sizes ??
    (process.env.BENCH_WALL_SIZES ?? "16,36,64")
      .split(",")
      .map(Number)
      .filter((n) => n > 0);
  const naive = opts.naive ?? Number(process.env.BENCH_WALL_NAIVE ?? 36);
  const rows = await withRig(async (rig) => {
    const need = Math.max(...sizes, naive);
    if (rig.cameras.length < need) throw new Error(`need ${need} cameras, the gateway has ${rig.cameras.length}`);
    const out: FramesRow[] = [];
    for (const n of sizes) out.push(await screenRow(rig, n, seconds));
    if (naive > 0) out.push(await naiveRow(rig, naive, seconds));
    return out;
  });
  const target: Record<number, string> = { 16: "≤ 0.5 %", 36: "≤ 2 %" };
  const lines = [
    "## Wall dropped frames (wall issue)",
    "",
    `Headless Chromium (viewport 1920×1080) opens \`/screen/1\` of a real gateway on this machine over ${transport} with N distinct`,
    `simulated cameras (sub stream 480×270 at 12.5 fps for tiles under a quarter of the screen, played in whole segments ~2 s behind live); once every tile`,
    `plays, \`getVideoPlaybackQuality()\` of all videos is summed over a ${seconds} s window (delta; counters carried across player restarts). Baseline: a plain page of`,
    "36 `<video>`s playing the main stream (960×540, 25 fps) with hls.js defaults. CPU (% of one core) read from /proc in the window.",
    "Target: 16 tiles ≤ 0.5 %, 36 tiles ≤ 2 %, 64 tiles reported.",
    "",
    "| tiles | setup | dropped % | frames total | fps per tile | media s played per s | target | Chromium CPU | gateway CPU | machine busy (all cores) | tiles playing at start | page open → all tiles playing | stalls ('waiting') | player restarts |",
    "|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const pct = r.total > 0 ? (r.dropped * 100) / r.total : Number.NaN;
    const tgt = r.setup.startsWith("naive") ? "baseline (issue: 14–22 %)" : (target[r.tiles] ?? "report");
    lines.push(
      `| ${r.tiles} | ${r.setup} | ${fmt(pct, 2)} | ${r.total} | ${fmt(r.total / r.tiles / r.seconds, 1)} | ${fmt(r.speed, 2)} | ${tgt} | ${fmt(chromiumTotal(r.cpu), 0)} % | ${fmt(r.cpu.gateway ?? 0, 0)} % | ${fmt(r.cpu.machine ?? 0, 0)} % | ${r.startedTiles}/${r.tiles} | ${r.startupS === null ? "> 60 s" : `${fmt(r.startupS, 1)} s`} | ${r.stalls} | ${r.resets} |`,
    );
  }
  lines.push("", "Where the CPU went in each window (% of one core; from /proc, incl. schedstat run-queue wait):", "");
  for (const r of rows) lines.push(`- ${r.tiles} tiles, ${r.setup}: ${profileText(r.cpu)}`);
  lines.push("");
  return lines;
}

// ---- layout push ---------------------------------------------------------------------------------

/**
 * In-page (before the app loads): every animation frame, note when screen-1's version changes and
 * register a requestVideoFrameCallback on each new <video>, keyed by its tile's camera. Times are
 * performance.timeOrigin + now: the same clock as Date.now() in Node on this machine.
 */
// A string, not a function: tsx/esbuild would wrap named inner functions in a __name() the page lacks.
export const pushProbe = `
(() => {
  const log = { states: [], frames: [] };
  window.__cwPush = log;
  const seen = new WeakSet();
  const clock = () => performance.timeOrigin + performance.now();
  let version = '';
  const loop = () => {
    const el = document.querySelector('[data-testid=screen-1]');
    const v = el ? el.dataset.version : '';
    if (el && v !== version) {
      version = v;
      log.states.push({ version: v, cameras: el.dataset.cameras, at: clock() });
    }
    for (const video of document.querySelectorAll('video[data-testid=player-video]')) {
      if (seen.has(video)) continue;
      seen.add(video);
      const tile = video.closest('[data-camera-id]');
      const rec = { camera: tile ? tile.dataset.cameraId : '', addedAt: clock(), frameAt: null };
      log.frames.push(rec);
      video.requestVideoFrameCallback((_now, meta) => { rec.frameAt = performance.timeOrigin + meta.presentationTime; });
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
})();`;

interface PushSeen {
  stateAt: number;
  frameAt: number;
}

/** When this page showed `version` and a first frame for every camera of `cams` added after `sentAt`. */
export async function seenBy(page: Page, version: number, cams: string[], sentAt: number): Promise<PushSeen | null> {
  return page.evaluate(
    ({ version, cams, sentAt }) => {
      const log = (
        window as unknown as {
          __cwPush: {
            states: { version: string; at: number }[];
            frames: { camera: string; addedAt: number; frameAt: number | null }[];
          };
        }
      ).__cwPush;
      const state = log.states.find((s) => Number(s.version) >= version);
      if (!state) return null;
      let last = 0;
      for (const c of cams) {
        const f = log.frames.find((r) => r.camera === c && r.addedAt >= sentAt && r.frameAt !== null);
        if (!f || f.frameAt === null) return null;
        last = Math.max(last, f.frameAt);
      }
      return { stateAt: state.at, frameAt: last };
    },
    { version, cams, sentAt },
  );
}

export interface WallPushOptions {
  /** Pushes (BENCH_PUSH_N, default 20). */
  pushes?: number;
  /** Open /screen/1 pages (BENCH_PUSH_PAGES, default 4). */
  pages?: number;
}

export async function wallPush(opts: WallPushOptions = {}): Promise<string[]> {
  const pushes = opts.pushes ?? Number(process.env.BENCH_PUSH_N ?? 20);
  const pageCount = opts.pages ?? Number(process.env.BENCH_PUSH_PAGES ?? 4);
  const state: number[] = [];
  const frame: number[] = [];
  let cpu: CpuProfile = {};
  let failures = 0;
  let skew = 0;
  await withRig(async (rig) => {
    const sets = [rig.cameras.slice(0, 4), rig.cameras.slice(4, 8)] as const;
    await warm(rig.api, [...sets[0], ...sets[1]], "main"); // layout "4": quarter tiles play the main stream
    const put = (cams: readonly string[]) =>
      rig.api.json<{ version: number }>("PUT", "/api/v1/wall/screens/1", { layoutId: "4", tiles: cams, tourId: null });
    await put(sets[0]);
    // One browser context per screen: each gets its own window, as each output screen is its own display
    // (pages of one context are tabs of one window, and Chromium renders only the front tab: the others'
    // animation frames drop to ~1 Hz, which measured the tab strip, not the wall).
    const contexts: BrowserContext[] = [];
    try {
      const pages: Page[] = [];
      for (let i = 0; i < pageCount; i++) {
        const ctx = await loggedIn(rig);
        contexts.push(ctx);
        await ctx.addInitScript({ content: pushProbe });
        const page = await ctx.newPage();
        await page.goto(`${rig.gw.url}/screen/1`);
        pages.push(page);
      }
      for (const page of pages) {
        await until(
          "first set live",
          () =>
            page
              .locator("[data-testid^=tile-][data-state=live]")
              .count()
              .then((n) => n === 4),
          60_000,
        );
      }
      const stop = cpuWindow(rig.gw.pid);
      for (let i = 0; i < pushes; i++) {
        const cams = sets[(i + 1) % 2] as readonly string[];
        const sentAt = Date.now();
        const { version } = await put(cams);
        const seen = await Promise.all(
          pages.map((p) =>
            until(`push ${i} seen`, () => seenBy(p, version, [...cams], sentAt), 15_000).catch(() => null),
          ),
        );
        if (process.env.BENCH_DEBUG)
          console.error(i, seen.map((s) => (s ? `${s.stateAt - sentAt}/${s.frameAt - sentAt}` : "miss")).join(" "));
        for (const s of seen) {
          if (!s) {
            failures++;
            continue;
          }
          state.push(s.stateAt - sentAt);
          frame.push(s.frameAt - sentAt);
        }
        await sleep(1000); // let the players of the new set settle before the next push
      }
      cpu = stop();
      for (const p of pages) {
        const d = await p.evaluate(() => performance.timeOrigin + performance.now() - Date.now());
        skew = Math.max(skew, Math.abs(d));
      }
    } finally {
      for (const ctx of contexts) await ctx.close();
    }
  });
  return [
    "## Layout push to the screens (wall issue)",
    "",
    `${pageCount === 1 ? "1 screen: a headless Chromium window" : `${pageCount} screens: headless Chromium windows (one browser context and session each, as each output is its own display)`} following \`/screen/1\``,
    `over ${transport}; Node PUTs \`/api/v1/wall/screens/1\` ${pushes} times, alternating two sets`,
    "of 4 simulated cameras in layout 4 (quarter tiles: main stream; the gateway keeps both sets' streams running, idle timeout 30 s).",
    "Clock: Date.now() at the PUT vs the page's performance.timeOrigin + now. State: the first animation frame whose",
    "`data-version` is the new one. First frame: the latest `requestVideoFrameCallback` presentation time over the 4 new `<video>`s.",
    "Target: state p95 ≤ 200 ms, first frame p95 ≤ 1 s.",
    "",
    "| measure | samples (pages × pushes) | p50 (ms) | p95 (ms) | max (ms) | target |",
    "|---|---:|---:|---:|---:|---|",
    msRow("state change reaches the screen", state, "p95 ≤ 200 ms"),
    msRow("every new tile shows its first frame", frame, "p95 ≤ 1000 ms"),
    "",
    `Missed (not seen within 15 s): ${failures}. Page clock vs Date.now() at the end: ≤ ${fmt(skew, 1)} ms. CPU over the pushes: Chromium ${fmt(chromiumTotal(cpu), 0)} %, gateway ${fmt(cpu.gateway ?? 0, 0)} % of one core; machine ${fmt(cpu.machine ?? 0, 0)} % busy.`,
    "",
    `CPU by process and thread (% of one core): ${profileText(cpu)}.`,
    "",
  ];
}
