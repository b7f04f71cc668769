// Province link-down detection (issue 18 item 3): a bureau and one edge (盘锦监狱) as real processes; the
// edge frozen with SIGSTOP (its keepalives stop, its sockets stay open: a dead link, not a clean stop) →
// the time until the bureau says so, by its device list (GET /api/v1/gb/devices `online: false`, polled
// every 50 ms) and by its live socket (the `overview` topic with 盘锦监狱 `link: "down"`, what the map,
// tree and dashboards draw); then SIGCONT → the time until both clear. Several runs, each SIGSTOP at a
// random moment of the edge's 1 s keepalive period. Owns its gateways and thaws and stops them even on
// failure; never touches product code.
import { loadavg } from "node:os";
import type { Overview } from "@cw/protocol";
import { connectLive, type LiveClient } from "../apps/gateway/test/wall/liveClient";
import { fmt, percentile } from "./lib/proc";
import { type Province, platforms, startProvince } from "./lib/province";

const RUNS = Number(process.env.BENCH_LINKDOWN_RUNS ?? 10);
const PRISON = "pj";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  apiDownMs: number;
  liveDownMs: number;
  apiUpMs: number;
  liveUpMs: number;
  load: number;
}

const linkIs = (want: "up" | "down") => (m: { topic: string; data: unknown }) =>
  m.topic === "overview" && (m.data as Overview).prisons.some((p) => p.prisonId === PRISON && p.link === want);

/** ms from `t0` until the bureau's device list shows the edge `online === want` (polled every 50 ms). */
async function apiSees(p: Province, gbId: string, want: boolean, t0: number, ms: number): Promise<number> {
  for (const deadline = t0 + ms; performance.now() < deadline; await sleep(50)) {
    if ((await platforms(p.api)).get(gbId)?.online === want) return performance.now() - t0;
  }
  return Number.NaN;
}

async function liveSees(live: LiveClient, want: "up" | "down", t0: number, ms: number): Promise<number> {
  const m = await live.next(linkIs(want), ms).catch(() => null);
  return m ? m.at - t0 : Number.NaN;
}

async function once(p: Province, live: LiveClient): Promise<Run> {
  const edge = p.edges[0];
  if (!edge) throw new Error("no edge");
  // Any moment of the keepalive period: the detection time depends on where in it the link dies.
  await sleep(Math.random() * 1000);
  live.messages.length = 0;
  const load = loadavg()[0] ?? Number.NaN;
  const stoppedAt = performance.now();
  process.kill(edge.gw.pid, "SIGSTOP");
  let down: [number, number];
  try {
    down = await Promise.all([
      apiSees(p, edge.gbId, false, stoppedAt, 20_000),
      liveSees(live, "down", stoppedAt, 20_000),
    ]);
    await sleep(1500); // down for a while, as a real outage is
    live.messages.length = 0;
  } finally {
    process.kill(edge.gw.pid, "SIGCONT");
  }
  const contAt = performance.now();
  const up = await Promise.all([apiSees(p, edge.gbId, true, contAt, 20_000), liveSees(live, "up", contAt, 20_000)]);
  return { apiDownMs: down[0], liveDownMs: down[1], apiUpMs: up[0], liveUpMs: up[1], load };
}

export async function provinceLinkdown(): Promise<string[]> {
  const p = await startProvince({ prisons: [PRISON], edge: () => ({ SIM: "0" }) });
  const runs: Run[] = [];
  try {
    const live = await connectLive(p.bureau.url, p.api.cookie);
    try {
      await live.next(linkIs("up"), 60_000);
      for (let i = 0; i < RUNS; i++) {
        runs.push(await once(p, live));
        await sleep(2000); // the edge re-registered and its catalogue settled before the next freeze
      }
    } finally {
      await live.close();
    }
  } finally {
    await p.stop();
  }
  const s = (v: number[]) => {
    const ok = v.filter(Number.isFinite);
    const missed = v.length - ok.length;
    return `${fmt(percentile(ok, 50) / 1000)} | ${fmt(percentile(ok, 95) / 1000)} | ${fmt(Math.min(...ok) / 1000)}–${fmt(Math.max(...ok) / 1000)} | ${missed}`;
  };
  const loads = runs.map((r) => r.load);
  return [
    "## Province link-down detection: edge frozen → 链路中断 at the bureau (issue 18)",
    "",
    `A bureau and 盘锦监狱's edge as real gateway processes (\`bench/province-linkdown.ts\`, \`npm run bench -- province-linkdown\`); the edge keeps alive every 1 s (UPPER_KEEPALIVE_S), the bureau takes 3 missed as a dead link (its GB_PLATFORM_KEEPALIVE_S 1 s, checked on a 250 ms tick). ${RUNS} runs: at a random moment of the keepalive period the edge is frozen with SIGSTOP (its sockets stay open, nothing answers: a dead link, not a clean stop); measured from the signal to the bureau's device list (\`GET /api/v1/gb/devices\`, polled every 50 ms) showing the edge \`online: false\`, and to the live socket's \`overview\` message with 盘锦监狱 \`link: "down"\` (what the map, tree and dashboards draw as 链路中断). After 1.5 s more, SIGCONT: the time until both say the link is up again.`,
    "Target: 链路中断 within 5 s.",
    "",
    "| measure | runs | p50 (s) | p95 (s) | min–max (s) | not seen in 20 s | target |",
    "|---|---:|---:|---:|---|---:|---|",
    `| SIGSTOP → \`online: false\` (device list) | ${runs.length} | ${s(runs.map((r) => r.apiDownMs))} | ≤ 5 s |`,
    `| SIGSTOP → live \`overview\` link down (链路中断) | ${runs.length} | ${s(runs.map((r) => r.liveDownMs))} | ≤ 5 s |`,
    `| SIGCONT → \`online: true\` | ${runs.length} | ${s(runs.map((r) => r.apiUpMs))} | |`,
    `| SIGCONT → live \`overview\` link up (cleared) | ${runs.length} | ${s(runs.map((r) => r.liveUpMs))} | |`,
    "",
    `Per run, live link down (s): ${runs.map((r) => fmt(r.liveDownMs / 1000)).join(", ")}. Machine load average (1 min, 2 cores) at each SIGSTOP: ${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)}.`,
    "",
  ];
}
