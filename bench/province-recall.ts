// Province random recall (issue 18): 16 tiles from 16 prisons on the bureau's wall, each camera living at
// its prison's edge. A bureau and one edge per demo prison (real processes, bench/lib/province.ts; each
// edge simulates its prison's cameras); Chromium follows the bureau's `/screen/1`; Node PUTs layout 16 with
// one random camera of each prison, never shown before in the run (cold: the bureau INVITEs each edge, the
// edge starts the camera's stream and answers with PS over RTP, the bureau packages it). Measured as the
// wall's layout push is (bench/wall.ts): the new state on the screen, and the last of the 16 tiles' first
// frames. Owns its gateways, browser context and pages and stops them even on failure.
import { loadavg } from "node:os";
import type { Browser } from "playwright-core";
import { PASSWORD } from "../e2e/support/fixtures";
import type { GatewayClient } from "./lib/api";
import { fmt, msRow, rssBytes } from "./lib/proc";
import { DEMO_PRISONS, startProvince } from "./lib/province";
import { pushProbe, seenBy } from "./wall";

const EDGES = Number(process.env.BENCH_RECALL_EDGES ?? 16);
const ROUNDS = Number(process.env.BENCH_RECALL_ROUNDS ?? 5);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Cam {
  id: string;
  name: string;
  prisonId: string;
}

/**
 * 16 random cameras, none of `used`, prison by prison in turn (one each with 16 prisons); the demo's H.265
 * camera is left out before (it is transcoded).
 */
function pick(byPrison: Map<string, Cam[]>, used: Set<string>): string[] {
  const prisons = [...byPrison.values()];
  return Array.from({ length: 16 }, (_, k) => {
    const free = (prisons[k % prisons.length] ?? []).filter((c) => !used.has(c.id));
    const c = free[Math.floor(Math.random() * free.length)];
    if (!c) throw new Error("no camera left to recall");
    used.add(c.id);
    return c.id;
  });
}

/**
 * A simulated camera's clip is rendered (ffmpeg) the first time it is viewed — a cost of the simulator, not
 * of a camera: each recalled camera is played once at the bureau before (its clip rendered at its edge),
 * then left until every stream has stopped again (idle 3 s), so each recall is cold on both levels.
 */
async function warm(api: GatewayClient, ids: string[]): Promise<void> {
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const url = await api.playUrl(id, "main");
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(300))
        if ((await fetch(url).catch(() => null))?.ok) break;
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(500))
    if ((await api.json<unknown[]>("GET", "/api/v1/streams")).length === 0) break;
  await sleep(3000); // the edges' taps released and their streams idle-stopped too
}

export async function provinceRecall(browser: Browser): Promise<string[]> {
  const prisons = DEMO_PRISONS.slice(0, EDGES);
  const t0 = performance.now();
  const p = await startProvince({
    prisons,
    bureau: { STREAM_IDLE_S: "3" },
    edge: () => ({ STREAM_IDLE_S: "3" }),
  });
  const startS = (performance.now() - t0) / 1000;
  const state: number[] = [];
  const last: number[] = [];
  const tiles: number[] = [];
  const loads: number[] = [];
  let missed = 0;
  let rss = 0;
  try {
    // Every edge online with its catalogue at the bureau: its cameras there, by prison.
    const byPrison = new Map<string, Cam[]>();
    for (const deadline = Date.now() + 180_000; ; await sleep(500)) {
      const cams = await p.api.json<Cam[]>("GET", "/api/v1/cameras");
      byPrison.clear();
      for (const c of cams) {
        if (!c.id.startsWith("gb-") || (c.prisonId === "pj" && c.name === "北周界")) continue;
        byPrison.set(c.prisonId, [...(byPrison.get(c.prisonId) ?? []), c]);
      }
      if (prisons.every((pr) => (byPrison.get(pr)?.length ?? 0) >= 30)) break;
      if (Date.now() > deadline) throw new Error(`edges' catalogues at the bureau: ${byPrison.size}/${prisons.length}`);
    }
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const r = await ctx.request.post(`${p.bureau.url}/api/v1/session`, {
        data: { username: "commander", password: PASSWORD },
      });
      if (!r.ok()) throw new Error(`browser login: ${r.status()}`);
      await ctx.addInitScript(() => localStorage.setItem("cw.session", "1"));
      await ctx.addInitScript({ content: pushProbe });
      const page = await ctx.newPage();
      await page.goto(`${p.bureau.url}/screen/1`);
      await page.getByTestId("screen-1").waitFor({ timeout: 60_000 });
      const used = new Set<string>();
      const sets = Array.from({ length: ROUNDS }, () => pick(byPrison, used));
      await warm(p.api, sets.flat());
      for (let i = 0; i < ROUNDS; i++) {
        const cams = sets[i] ?? [];
        loads.push(loadavg()[0] ?? Number.NaN);
        const sentAt = Date.now();
        const { version } = await p.api.json<{ version: number }>("PUT", "/api/v1/wall/screens/1", {
          layoutId: "16",
          tiles: cams,
          tourId: null,
        });
        let seen: Awaited<ReturnType<typeof seenBy>> = null;
        for (const deadline = Date.now() + 20_000; !seen && Date.now() < deadline; await sleep(100))
          seen = await seenBy(page, version, cams, sentAt);
        const firsts = await page.evaluate(
          ({ cams, sentAt }) =>
            cams.map(
              (c) =>
                (
                  window as unknown as { __cwPush: { frames: { camera: string; addedAt: number; frameAt: number }[] } }
                ).__cwPush.frames.find((f) => f.camera === c && f.addedAt >= sentAt && f.frameAt !== null)?.frameAt ??
                null,
            ),
          { cams, sentAt },
        );
        for (const f of firsts) if (f !== null) tiles.push(f - sentAt);
        if (process.env.BENCH_DEBUG)
          console.error(
            i,
            seen ? `${seen.stateAt - sentAt}/${seen.frameAt - sentAt}` : "miss",
            firsts.filter(Boolean).length,
          );
        if (!seen) {
          if (process.env.BENCH_DEBUG)
            console.error(
              "miss",
              version,
              await page.evaluate(() =>
                JSON.stringify((window as unknown as { __cwPush: unknown }).__cwPush).slice(0, 600),
              ),
              await page
                .locator("[data-testid=screen-1]")
                .evaluate((e) => (e as HTMLElement).outerHTML.slice(0, 400))
                .catch(String),
            );
          missed++;
          continue;
        }
        state.push(seen.stateAt - sentAt);
        last.push(seen.frameAt - sentAt);
        await sleep(3000); // the set plays a while, as a recall is looked at, before the next
      }
      rss = [p.bureau, ...p.edges.map((e) => e.gw)].reduce((a, g) => a + rssBytes(g.pid), 0);
    } finally {
      await ctx.close();
    }
  } finally {
    await p.stop();
  }
  return [
    "## Province random recall: 16 tiles from 16 prisons on the bureau's wall (issue 18)",
    "",
    `\`npm run bench -- province-recall\` (\`bench/province-recall.ts\`). A bureau and ${p.edges.length} edges, one per demo prison (${prisons.length} prisons: each edge serves exactly one, as deployed), all real gateway processes on this machine (started in ${fmt(startS, 0)} s, two at a time; ${fmt(rss / 2 ** 30, 1)} GiB RSS together at the end); each edge simulates its prison's cameras (~40) and registered upward over GB/T 28181, the bureau holds every camera from the edges' catalogues. Headless Chromium (1920×1080) follows the bureau's \`/screen/1\`. ${ROUNDS} recalls: Node PUTs \`/api/v1/wall/screens/1\` layout 16 with 16 random cameras, one of each prison in turn, none recalled before in the run (each camera's simulated clip rendered beforehand, then every stream left to stop) — cold: the bureau INVITEs each edge, the edge starts the camera's stream and answers with PS over RTP, the bureau packages it, the tile (sub-stream settings) plays it. State = the first animation frame with the new layout version; first frames = the \`requestVideoFrameCallback\` presentation time of each new tile (clock: Date.now() at the PUT vs the page's timeOrigin + now, same machine).`,
    "Targets: state ≤ 200 ms, first frames ≤ 1.5 s.",
    "",
    "| measure | samples | p50 (ms) | p95 (ms) | max (ms) | target |",
    "|---|---:|---:|---:|---:|---|",
    msRow("PUT → new state on the screen", state, "≤ 200 ms"),
    msRow("PUT → first frame of every one of the 16 tiles (the last tile)", last, "≤ 1500 ms"),
    msRow("PUT → a tile's first frame (each tile of each recall)", tiles, ""),
    "",
    `Recalls not complete within 20 s: ${missed}. Machine load average (1 min, 2 cores) at the PUTs: ${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)}.`,
    "",
  ];
}
