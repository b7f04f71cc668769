// Recording benchmarks in Chromium (issue 16): seek → first frame on the playback page, and instant
// replay on a live tile → first frame of the replay. A simulated camera is recorded by a plan; seeks jump
// to evidence marks set at random recorded moments (a user clicking a bookmark goes through the same
// model.seek as a timeline click); the time is from the click to the first frame presented after it
// (requestVideoFrameCallback).
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { PASSWORD } from "../e2e/support/fixtures";
import { type GatewayProcess, removeDataDir, startGateway } from "../e2e/support/gateway";
import { GatewayClient } from "./lib/api";
import { fmt, percentile } from "./lib/proc";

const CAMERA = "pj-b3-s1-workshop";
const SEEKS = Number(process.env.BENCH_REC_SEEKS ?? 20);
const REPLAYS = Number(process.env.BENCH_REC_REPLAYS ?? 10);
const RECORD_S = Number(process.env.BENCH_REC_RECORD_S ?? 120);

async function loggedIn(browser: Browser, gw: GatewayProcess): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const r = await ctx.request.post(`${gw.url}/api/v1/session`, { data: { username: "commander", password: PASSWORD } });
  if (!r.ok()) throw new Error(`browser login: ${r.status()}`);
  await ctx.addInitScript(() => localStorage.setItem("cw.session", "1"));
  // tsx (esbuild keepNames) wraps the inner functions of evaluated callbacks in __name(): a no-op one.
  await ctx.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
  return ctx;
}

/** A deterministic sequence in [0, 1) (mulberry32), so every run seeks to the same moments. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Clicks `selector` and resolves with the ms until `video` presents a frame after a seek or a start. */
function clickToFrame(page: Page, selector: string, video: string): Promise<number> {
  return page.evaluate(
    ({ selector, video }) =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        const target = document.querySelector<HTMLElement>(selector);
        if (!target) return reject(new Error(`no ${selector}`));
        target.click();
        const deadline = t0 + 15_000;
        // The video may be made by the click (a replay), so it is looked up until it exists.
        const wait = () => {
          const v = document.querySelector<HTMLVideoElement>(video);
          if (performance.now() > deadline) return reject(new Error(`no frame in ${video}`));
          if (!v) return requestAnimationFrame(wait);
          let moved = false;
          const mark = () => {
            moved = true;
          };
          v.addEventListener("seeked", mark, { once: true });
          v.addEventListener("playing", mark, { once: true });
          const onFrame = (now: number) => {
            if (moved && !v.seeking) resolve(now - t0);
            else if (performance.now() > deadline) reject(new Error("no frame after the seek"));
            else v.requestVideoFrameCallback(onFrame);
          };
          v.requestVideoFrameCallback(onFrame);
        };
        wait();
      }),
    { selector, video },
  );
}

export async function recordingBrowser(browser: Browser): Promise<string[]> {
  const gw = await startGateway({ FEED_SIM: "0", LOG_LEVEL: "error" });
  try {
    const api = new GatewayClient(gw.url);
    await api.login("commander", PASSWORD);
    await api.json("PUT", `/api/v1/cameras/${CAMERA}/recording`, { mode: "continuous", retentionDays: 1 });
    const began = Date.now();
    let span = { from: 0, to: 0 };
    while (span.to - span.from < RECORD_S * 1000) {
      if (Date.now() - began > (RECORD_S + 60) * 1000) throw new Error("the camera did not record");
      await new Promise((r) => setTimeout(r, 2000));
      const t = await api.json<{ spans: Array<{ from: number; to: number }> }>(
        "GET",
        `/api/v1/cameras/${CAMERA}/recordings?from=${began - 60_000}&to=${Date.now() + 60_000}`,
      );
      span = t.spans[0] ?? span;
    }
    const rnd = random(16);
    const marks: number[] = [];
    for (let i = 0; i < SEEKS; i++) {
      const at = Math.round(span.from + 5000 + rnd() * (span.to - span.from - 25_000));
      await api.json("POST", "/api/v1/evidence", { cameraId: CAMERA, from: at, to: at + 5000, note: `seek ${i}` });
      marks.push(at);
    }
    const ctx = await loggedIn(browser, gw);
    const page = await ctx.newPage();
    try {
      const open0 = performance.now();
      await page.goto(`${gw.url}/playback?cameras=${CAMERA}&t=${span.from + 2000}`);
      await page.locator(`[data-testid="pb-tile-${CAMERA}"][data-state="playing"]`).waitFor({ timeout: 30_000 });
      const openMs = performance.now() - open0;
      await page
        .locator('[data-testid="pb-evidence-item"]')
        .nth(SEEKS - 1)
        .waitFor();
      const seeks: number[] = [];
      for (const at of marks) {
        seeks.push(
          await clickToFrame(
            page,
            `[data-testid="pb-evidence-item"][data-from="${at}"] button`,
            '[data-testid="pb-video"]',
          ),
        );
      }
      // Instant replay on the console: the camera in a tile, 10 s back, then back to live, again and again.
      await page.goto(`${gw.url}/`);
      await page.getByTestId("tree-search").fill(CAMERA);
      await page.getByTestId(`tree-node-${CAMERA}`).click();
      const tile = page.locator(`[data-camera-id="${CAMERA}"]`).first();
      await tile.locator('[data-testid="player-state"][data-state="live"]').waitFor({ timeout: 30_000 });
      const replays: number[] = [];
      for (let i = 0; i < REPLAYS; i++) {
        replays.push(
          await clickToFrame(
            page,
            `[data-camera-id="${CAMERA}"] [data-testid="tile-replay-10"]`,
            '[data-testid="replay-video"]',
          ),
        );
        await tile.getByTestId("tile-live").click();
        await tile.locator('[data-testid="player-state"][data-state="live"]').waitFor({ timeout: 30_000 });
      }
      const row = (what: string, xs: number[]) =>
        `| ${what} | ${xs.length} | ${fmt(percentile(xs, 50) / 1000)} | **${fmt(percentile(xs, 95) / 1000)}** | ${fmt(Math.max(...xs) / 1000)} |`;
      return [
        "## Recording: seek and instant replay in Chromium (recording issue)",
        "",
        `A simulated camera (960×540, 25 fps, 1 s GOP) recorded for ${RECORD_S} s; the playback page in Chromium (hls.js over the`,
        `recording files by byte range). Seek: ${SEEKS} jumps to evidence marks at random recorded moments (the same model.seek as a`,
        "timeline click), from the click to the first frame presented after it. Instant replay: on the console's live tile,",
        `"回放 10 秒" → first frame of the replay, ${REPLAYS} times (back to live in between). Targets: seek p95 ≤ 0.5 s, replay ≤ 0.5 s.`,
        "",
        "| action | runs | p50 (s) | p95 (s) | max (s) |",
        "|---|---:|---:|---:|---:|",
        `| open the playback page → first frame (window playlist, cold) | 1 | ${fmt(openMs / 1000)} | | |`,
        row("seek within the loaded hour → first frame", seeks),
        row("instant replay 10 s back → first frame", replays),
        "",
      ];
    } finally {
      await ctx.close();
    }
  } finally {
    await gw.stop();
    removeDataDir(gw);
  }
}
