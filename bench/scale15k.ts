// 15 000-camera catalogue (province issue, item 4): a generated CATALOGUE_FILE of 30 prisons × 500 simulated
// cameras (nothing plays: no SIM_PREWARM), a real gateway on it, and Chromium as the commander on the console:
// page open → first camera row of the tree shown, a prison expanded on click (the tree is interactive), a
// search typed → its first hit shown (the gateway's search, a virtualised list); from node: GET /api/v1/tree (nested and ?shape=columns),
// /api/v1/cameras (size plain and br-compressed, time), the tree's search `GET /api/v1/cameras/search?q=` and
// the older filter `GET /api/v1/cameras?q=`, and the gateway's RSS. Owns the gateway and the catalogue file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { PASSWORD } from "../e2e/support/fixtures";
import { removeDataDir, startGateway } from "../e2e/support/gateway";
import { GatewayClient } from "./lib/api";
import { fmt, mb, percentile, rssBytes } from "./lib/proc";

const RUNS = 5;
const PRISONS = 30;
const BLOCKS = 8; // × (2 block-level + 4 sub-blocks × 15) + 4 prison-level = 500 cameras a prison
const SUB_BLOCKS = 4;
const numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const cities = [
  "盘锦",
  "沈阳第一",
  "沈阳第二",
  "锦州",
  "凌源第一",
  "凌源第二",
  "大连南关岭",
  "瓦房店",
  "辽宁省女子",
  "抚顺",
  "鞍山",
  "营口",
  "铁岭",
  "丹东",
  "阜新",
  "朝阳",
  "辽阳",
  "本溪",
  "葫芦岛",
  "康家山",
  "调兵山",
  "大连",
  "沈阳第三",
  "凌海",
  "北票",
  "海城",
  "庄河",
  "开原",
  "新民",
  "东港",
];

const cam = (id: string, name: string, kind: string) => ({ id, name, kind, source: { kind: "sim" } });

/** The province: 30 prisons × 500 cameras, names like the demo's (一监区 › 二分监区 › 二分监区3号监舍). */
export function province15k() {
  return {
    bureau: { id: "ln", name: "辽宁省监狱管理局" },
    prisons: cities.slice(0, PRISONS).map((city, p) => {
      const pid = `p${String(p + 1).padStart(2, "0")}`;
      return {
        id: pid,
        name: `${city}监狱`,
        location: { lng: 119.5 + (p % 6) * 0.9, lat: 39 + Math.floor(p / 6) * 0.7 },
        cameras: [
          cam(`${pid}-gate`, "大门", "gate"),
          cam(`${pid}-gate-ab`, "AB门", "gate"),
          cam(`${pid}-perimeter-e`, "东周界", "perimeter"),
          cam(`${pid}-perimeter-n`, "北周界", "perimeter"),
        ],
        blocks: Array.from({ length: BLOCKS }, (_, b) => {
          const bid = `${pid}-b${b + 1}`;
          const bname = `${numerals[b]}监区`;
          return {
            id: bid,
            name: bname,
            cameras: [
              cam(`${bid}-workshop`, `${bname}习艺车间`, "workshop"),
              cam(`${bid}-yard`, `${bname}操场`, "yard"),
            ],
            subBlocks: Array.from({ length: SUB_BLOCKS }, (_, s) => {
              const sid = `${bid}-s${s + 1}`;
              const sname = `${numerals[s]}分监区`;
              return {
                id: sid,
                name: sname,
                cameras: [
                  ...Array.from({ length: 12 }, (_, c) => cam(`${sid}-cell${c + 1}`, `${sname}${c + 1}号监舍`, "cell")),
                  cam(`${sid}-canteen`, `${sname}食堂`, "canteen"),
                  cam(`${sid}-corridor`, `${sname}走廊`, "corridor"),
                  cam(`${sid}-visiting`, `${sname}会见室`, "visiting"),
                ],
              };
            }),
          };
        }),
      };
    }),
  };
}

// ---- in the page: instants relative to navigation start ----

const probe = `
window.__scale = { firstCamera: null };
new MutationObserver((_, obs) => {
  if (window.__scale.firstCamera === null && document.querySelector('[data-testid="tree"] [data-kind="camera"]')) {
    window.__scale.firstCamera = performance.now();
    obs.disconnect();
  }
}).observe(document, { subtree: true, childList: true });`;

/** In the page: run `act`, then resolve at the first frame after `selector` exists (ms from before `act`). */
const timeUntil = `
window.__timeUntil = (act, selector) => new Promise((resolve) => {
  const t0 = performance.now();
  act();
  const check = () => {
    if (document.querySelector(selector)) requestAnimationFrame(() => resolve(performance.now() - t0));
    else requestAnimationFrame(check);
  };
  check();
});
window.__typeSearch = (q) => {
  const input = document.querySelector('[data-testid="tree-search"]');
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  set.call(input, q);
  input.dispatchEvent(new Event('input', { bubbles: true }));
};`;

interface Run {
  openMs: number;
  dclMs: number;
  treeStartMs: number;
  treeEndMs: number;
  expandMs: number;
  searchMs: Record<string, number>;
  rows: Record<string, number>;
  /** What the list said (n results / first n of total). */
  hits: Record<string, string>;
}

// The expected row is the answer's first hit (a virtualised list draws the rows on screen, not all 960).
const SEARCHES: Array<{ q: string; expect: string; label: string }> = [
  { q: "北周界", expect: "p01-perimeter-n", label: "`北周界` (30 matches)" },
  { q: "康家山", expect: "p20", label: "`康家山` (a prison, then its 540 groups and cameras)" },
  { q: "会见室", expect: "p01-b1-s1-visiting", label: "`会见室` (960 matches, first 200 listed)" },
];

async function pageRun(browser: Browser, url: string): Promise<Run> {
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    const page = await ctx.newPage();
    await page.goto(`${url}/`);
    await page.getByTestId("login-username").fill("commander");
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("tree").waitFor();
    await page.addInitScript(probe + timeUntil);
    await page.goto(`${url}/`);
    await page.waitForFunction(
      () => (window as unknown as { __scale: { firstCamera: number | null } }).__scale.firstCamera !== null,
      null,
      { timeout: 60_000 },
    );
    // Interactive: a collapsed prison opens on click (the last one: p01 is open from the start). The tree
    // draws only the rows on screen: scrolled to its end first, so that p30's row exists.
    await page.getByTestId("tree").evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.getByTestId("tree-node-p30").waitFor();
    const expandMs = await page.evaluate(() =>
      (window as unknown as { __timeUntil(a: () => void, s: string): Promise<number> }).__timeUntil(
        () => (document.querySelector('[data-testid="tree-node-p30"]') as HTMLElement).click(),
        '[data-testid="tree-node-p30-b1"]',
      ),
    );
    // Where the open time goes: the page's scripts (DOMContentLoaded), then the tree request (resource timing).
    const [openMs, dclMs, treeStartMs, treeEndMs] = await page.evaluate(() => {
      const s = (window as unknown as { __scale: { firstCamera: number } }).__scale;
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const tree = performance.getEntriesByType("resource").find((e) => new URL(e.name).pathname === "/api/v1/tree") as
        | PerformanceResourceTiming
        | undefined;
      return [
        s.firstCamera,
        nav?.domContentLoadedEventEnd ?? Number.NaN,
        tree?.startTime ?? Number.NaN,
        tree?.responseEnd ?? Number.NaN,
      ];
    });
    const searchMs: Record<string, number> = {};
    const rows: Record<string, number> = {};
    const hits: Record<string, string> = {};
    for (const s of SEARCHES) {
      searchMs[s.q] = await page.evaluate(
        ([q, expect]) => {
          const w = window as unknown as {
            __timeUntil(a: () => void, s: string): Promise<number>;
            __typeSearch(q: string): void;
          };
          return w.__timeUntil(() => w.__typeSearch(q as string), `[data-testid="tree-node-${expect}"]`);
        },
        [s.q, s.expect],
      );
      rows[s.q] = await page.locator('[data-testid="tree"] [role="treeitem"]').count();
      hits[s.q] = (await page.getByTestId("tree-search-status").textContent()) ?? "";
      await page.evaluate(() => (window as unknown as { __typeSearch(q: string): void }).__typeSearch(""));
      await page.waitForTimeout(300);
    }
    return { openMs, dclMs, treeStartMs, treeEndMs, expandMs, searchMs, rows, hits };
  } finally {
    await ctx.close();
  }
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

/** The size on the wire of a br-encoded answer (node's fetch would decode it). */
function brBytes(api: GatewayClient, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${api.base}${path}`, { headers: { cookie: api.cookie, "accept-encoding": "br" } }, (res) => {
      let n = 0;
      res.on("data", (c: Buffer) => {
        n += c.length;
      });
      res.on("end", () => resolve(res.headers["content-encoding"] === "br" ? n : Number.NaN));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function httpFigures(api: GatewayClient, path: string): Promise<{ ms: number[]; bytes: number; items: number }> {
  const ms: number[] = [];
  let bytes = 0;
  let items = 0;
  for (let i = 0; i < RUNS; i++) {
    const [t, body] = await timed(async () => {
      const r = await fetch(`${api.base}${path}`, { headers: { cookie: api.cookie } });
      if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
      return r.text();
    });
    ms.push(t);
    bytes = Buffer.byteLength(body);
    const parsed = JSON.parse(body) as unknown;
    items = Array.isArray(parsed) ? parsed.length : ((parsed as { total?: number }).total ?? 0);
  }
  return { ms, bytes, items };
}

const med = (v: number[]) => fmt(percentile(v, 50), 0);
const p95 = (v: number[]) => fmt(percentile(v, 95), 0);

export async function scale15k(browser: Browser): Promise<string[]> {
  const load0 = loadavg();
  const dir = mkdtempSync(join(tmpdir(), "cw-scale15k-"));
  const file = join(dir, "province.json");
  const province = province15k();
  writeFileSync(file, JSON.stringify(province));
  const cameraCount = province.prisons.reduce(
    (n, p) =>
      n +
      p.cameras.length +
      p.blocks.reduce((m, b) => m + b.cameras.length + b.subBlocks.reduce((k, s) => k + s.cameras.length, 0), 0),
    0,
  );
  const [startMs, gw] = await timed(() =>
    startGateway({ CATALOGUE_FILE: file, FEED_SIM: "0", SIM_PREWARM: "0", LOG_LEVEL: "error" }),
  );
  try {
    const rssIdle = rssBytes(gw.pid);
    const api = new GatewayClient(gw.url);
    await api.login("commander", PASSWORD);
    const tree = await httpFigures(api, "/api/v1/tree");
    const columns = await httpFigures(api, "/api/v1/tree?shape=columns");
    const columnsBr = await brBytes(api, "/api/v1/tree?shape=columns");
    const cameras = await httpFigures(api, "/api/v1/cameras");
    const treeBr = await brBytes(api, "/api/v1/tree");
    const camerasBr = await brBytes(api, "/api/v1/cameras");
    const searches = [];
    for (const s of SEARCHES)
      searches.push({
        ...s,
        index: await httpFigures(api, `/api/v1/cameras/search?q=${encodeURIComponent(s.q)}`),
        http: await httpFigures(api, `/api/v1/cameras?q=${encodeURIComponent(s.q)}`),
      });
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await pageRun(browser, gw.url));
    const rssAfter = rssBytes(gw.pid);
    const lines = [
      "## Province scale (province issue)",
      "",
      `A generated \`CATALOGUE_FILE\`: ${PRISONS} prisons × ${BLOCKS} blocks × ${SUB_BLOCKS} sub-blocks, ${cameraCount} simulated cameras (names like the demo's: 三监区 › 二分监区 › 二分监区7号监舍; no \`SIM_PREWARM\`, nothing plays), a real gateway on it (started in ${fmt(startMs / 1000, 1)} s), Chromium (1920×1080) as the commander, ${RUNS} runs (fresh browser context each, logged in, then the console opened again).`,
      "**Tree open** = navigation start → the first camera row of the tree in the DOM (the tree fetched, parsed and rendered); **expand** = click on a collapsed prison → its blocks shown (next frame); **search** = the term set in `tree-search` → the answer's first hit in the DOM (next frame; the gateway's search, asked at once after a pause in typing). Targets: tree opens ≤ 300 ms, search answers ≤ 50 ms.",
      "",
      "| measure | median (ms) | p95 (ms) | target |",
      "|---|---:|---:|---|",
      `| console open → tree shown | ${med(runs.map((r) => r.openMs))} | ${p95(runs.map((r) => r.openMs))} | ≤ 300 ms |`,
      `| … of which: page scripts loaded (DOMContentLoaded) | ${med(runs.map((r) => r.dclMs))} | ${p95(runs.map((r) => r.dclMs))} | |`,
      `| … \`GET /api/v1/tree\` sent | ${med(runs.map((r) => r.treeStartMs))} | ${p95(runs.map((r) => r.treeStartMs))} | |`,
      `| … \`GET /api/v1/tree\` received (last byte) | ${med(runs.map((r) => r.treeEndMs))} | ${p95(runs.map((r) => r.treeEndMs))} | |`,
      `| … last byte → first camera row (parse, index, render) | ${med(runs.map((r) => r.openMs - r.treeEndMs))} | ${p95(runs.map((r) => r.openMs - r.treeEndMs))} | |`,
      `| tree: expand a prison (click → blocks shown) | ${med(runs.map((r) => r.expandMs))} | ${p95(runs.map((r) => r.expandMs))} | |`,
    ];
    for (const s of SEARCHES)
      lines.push(
        `| search ${s.label} → first hit shown (server-side, "${runs[0]?.hits[s.q] ?? "?"}", ${runs[0]?.rows[s.q] ?? "?"} rows in the DOM) | ${med(runs.map((r) => r.searchMs[s.q] ?? Number.NaN))} | ${p95(runs.map((r) => r.searchMs[s.q] ?? Number.NaN))} | ≤ 50 ms |`,
      );
    lines.push(
      "",
      "| HTTP (node client, same host) | size (br on the wire) | items | median (ms) | p95 (ms) |",
      "|---|---:|---:|---:|---:|",
      `| \`GET /api/v1/tree\` | ${fmt(mb(tree.bytes), 2)} MiB (${fmt(treeBr / 1024, 0)} KiB) | | ${med(tree.ms)} | ${p95(tree.ms)} |`,
      `| \`GET /api/v1/tree?shape=columns\` (what the console asks for) | ${fmt(mb(columns.bytes), 2)} MiB (${fmt(columnsBr / 1024, 0)} KiB) | | ${med(columns.ms)} | ${p95(columns.ms)} |`,
      `| \`GET /api/v1/cameras\` | ${fmt(mb(cameras.bytes), 2)} MiB (${fmt(camerasBr / 1024, 0)} KiB) | ${cameras.items} | ${med(cameras.ms)} | ${p95(cameras.ms)} |`,
    );
    for (const s of searches)
      lines.push(
        `| \`GET /api/v1/cameras/search?q=${s.q}\` (the tree's search, index) | ${fmt(s.index.bytes / 1024, 1)} KiB | ${s.index.items} | ${med(s.index.ms)} | ${p95(s.index.ms)} |`,
      );
    for (const s of searches)
      lines.push(
        `| \`GET /api/v1/cameras?q=${s.q}\` (filter, full cameras) | ${fmt(s.http.bytes / 1024, 1)} KiB | ${s.http.items} | ${med(s.http.ms)} | ${p95(s.http.ms)} |`,
      );
    lines.push(
      "",
      `Gateway RSS: ${fmt(mb(rssIdle), 0)} MiB after start, ${fmt(mb(rssAfter), 0)} MiB after the runs. Machine load average (1/5/15 min) at start ${load0.map((l) => fmt(l, 1)).join(" / ")}, at end ${loadavg()
        .map((l) => fmt(l, 1))
        .join(
          " / ",
        )} on ${cpus().length} cores — other helpers' builds, tests and benchmarks were running on this machine at the same time, so these times include waiting for a core.`,
      "",
    );
    return lines;
  } finally {
    await gw.stop();
    removeDataDir(gw);
    rmSync(dir, { recursive: true, force: true });
  }
}
