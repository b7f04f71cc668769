// Province uplink (issue 18): 1 000 alarms queued at a prison's edge gateway while its bureau is
// unreachable (the bureau process SIGSTOPped), then the link returns (SIGCONT): the time until the edge
// has every one acknowledged by the bureau, and the bureau's own journal counted for lost and duplicated
// alarms. The outage is shortened (BENCH_UPLINK_OUTAGE_S, default 30 s instead of the 10 min): what
// the link's return costs depends on what is queued and on the retry back-off's cap (3 s), not on how long
// it was down. Owns its two gateways and stops them even on failure; never touches product code.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { demoFeedKey, signFeed } from "@cw/gateway";
import { type GatewayProcess, removeDataDir, startGateway } from "../e2e/support/gateway";
import { fmt } from "./lib/proc";

const quiet = { SIM: "0", FEED_SIM: "0", LOG_LEVEL: "error" };

async function post(url: string, sourceId: string): Promise<string> {
  const raw = JSON.stringify({
    sourceId,
    type: "gathering",
    severity: 3,
    occurredAt: Date.now() - 1000,
    blockId: "pj-b1",
  });
  const ts = String(Date.now());
  const res = await fetch(`${url}/api/v1/feeds/pj/alarms`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-feed-timestamp": ts,
      "x-feed-signature": signFeed(demoFeedKey("demo", "pj"), ts, raw),
    },
    body: raw,
  });
  if (res.status !== 202) throw new Error(`edge answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "duty", password: "e2e-pass" }),
  });
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function queued(url: string, cookie: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/uplink`, { headers: { cookie } });
  return ((await res.json()) as { queued: number }).queued;
}

function bureauSources(bureau: GatewayProcess): string[] {
  const text = readFileSync(join(bureau.dataDir, "journal", "events.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((l) => l.includes('"alarm.raised"'))
    .map((l) => (JSON.parse(l) as { data: { sourceId: string } }).data.sourceId);
}

export async function provinceUplink(): Promise<string[]> {
  const n = Number(process.env.BENCH_UPLINK_N ?? 1000);
  const outageS = Number(process.env.BENCH_UPLINK_OUTAGE_S ?? 30);
  const bureau = await startGateway(quiet);
  let edge: GatewayProcess | null = null;
  let stopped = false;
  try {
    edge = await startGateway({ ...quiet, UPPER_URL: bureau.url, UPPER_FEED_KEY: demoFeedKey("demo", "pj") });
    const cookie = await login(edge.url);
    process.kill(bureau.pid, "SIGSTOP");
    stopped = true;
    const downAt = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < n; i += 8) {
      const batch = Array.from({ length: Math.min(8, n - i) }, (_, k) => `bench-uplink-${i + k}`);
      ids.push(...(await Promise.all(batch.map((s) => post(edge?.url ?? "", s)))));
    }
    const raisedS = (Date.now() - downAt) / 1000;
    while (Date.now() - downAt < outageS * 1000) await new Promise((r) => setTimeout(r, 200));
    const before = await queued(edge.url, cookie);
    process.kill(bureau.pid, "SIGCONT");
    stopped = false;
    const load = loadavg()[0] ?? Number.NaN;
    const upAt = performance.now();
    let drainS = Number.NaN;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      if ((await queued(edge.url, cookie)) === 0) {
        drainS = (performance.now() - upAt) / 1000;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    const wanted = new Set(ids.map((id) => `edge:${id}`));
    const got = bureauSources(bureau).filter((s) => wanted.has(s));
    const distinct = new Set(got);
    const lost = wanted.size - distinct.size;
    const duplicated = got.length - distinct.size;
    const inOrder = got.every((s, i) => s === `edge:${ids[i]}`);
    return [
      "## Province uplink: edge → bureau after an outage (issue 18)",
      "",
      `A bureau and one edge gateway (real processes, journal on disk). The bureau is SIGSTOPped (link dead: requests time out) while ${n} signed alarms are posted to the edge's feed (${fmt(raisedS, 1)} s); the outage lasts ${outageS} s in all (shortened from the issue's 10 min: the cost of the return depends on what is queued and on the 3 s back-off cap, not on the outage's length). Then SIGCONT; the time is until the edge's \`GET /api/v1/uplink\` shows nothing queued (every alarm answered 202 by the bureau, i.e. fsync'd there). Lost and duplicated are counted in the bureau's own journal. Run: \`npm run bench -- province-uplink\`.`,
      "Targets: all delivered ≤ 10 s after the link returns; 0 lost, 0 duplicated.",
      "",
      "| alarms queued at the edge | outage (s) | link return → all delivered (s) | alarms/s | lost | duplicated | bureau order = edge order | load average (1 min, 2 cores) |",
      "|---:|---:|---:|---:|---:|---:|---|---:|",
      `| ${before} | ${outageS} | ${fmt(drainS)} | ${fmt(n / drainS, 0)} | ${lost} | ${duplicated} | ${inOrder ? "yes" : "no"} | ${fmt(load, 1)} |`,
      "",
    ];
  } finally {
    if (stopped) process.kill(bureau.pid, "SIGCONT");
    if (edge) {
      await edge.stop();
      removeDataDir(edge);
    }
    await bureau.stop();
    removeDataDir(bureau);
  }
}
