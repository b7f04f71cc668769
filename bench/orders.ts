// Order fan-out (orders issue): one order to every sub-block of the demo province, each sub-block with its
// own WebSocket terminal (logged in as its prison's operator) that acks like the real terminal; then every
// unit signs for it at once and the commander's socket sees the receipt matrix turn. Owns its gateway and
// sockets and closes them even on failure; never touches product code.

import { cpus, loadavg } from "node:os";
import type { LiveMessage, OrderLive, OrderViewWire, TreeNode } from "@cw/protocol";
import WebSocket from "ws";
import { PASSWORD } from "../e2e/support/fixtures";
import { removeDataDir, startGateway } from "../e2e/support/gateway";
import { GatewayClient } from "./lib/api";
import { fmt, percentile } from "./lib/proc";

export interface OrderFanoutOptions {
  /** Orders to send one after the other (env BENCH_ORDERS_N, default 5). */
  orders?: number;
  /** Limit the receivers to the first N sub-blocks in tree order (env BENCH_ORDERS_UNITS; default all). */
  maxUnits?: number;
  /** How long to wait for every delivery / every sign reflection of one order before giving up. */
  waitMs?: number;
}

interface Unit {
  id: string;
  prisonId: string;
}

/** One socket with its arrival hook; `at` is performance.now() taken before the frame is parsed. */
interface Socket {
  ws: WebSocket;
  onOrder(f: ((at: number, live: OrderLive) => void) | null): void;
  close(): Promise<void>;
}

function open(url: string, cookie: string): Promise<Socket> {
  const ws = new WebSocket(`${url.replace("http", "ws")}/api/v1/live`, { headers: { cookie } });
  let hook: ((at: number, live: OrderLive) => void) | null = null;
  ws.on("message", (raw) => {
    const at = performance.now();
    if (!hook) return;
    const m = JSON.parse(String(raw)) as LiveMessage;
    if (m.topic === "order") hook(at, m.data);
  });
  const closed = new Promise<void>((r) => ws.once("close", () => r()));
  return new Promise((resolve, reject) => {
    ws.once("message", () =>
      resolve({
        ws,
        onOrder: (f) => {
          hook = f;
        },
        close: async () => {
          if (ws.readyState === WebSocket.CLOSED) return;
          ws.close();
          await closed;
        },
      }),
    );
    ws.once("unexpected-response", (_q, res) => reject(new Error(`live upgrade: HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

function subBlocks(node: TreeNode, prisonId: string | null, out: Unit[]): Unit[] {
  const pid = node.kind === "prison" ? node.id : prisonId;
  if (node.kind === "subBlock" && pid) out.push({ id: node.id, prisonId: pid });
  for (const c of node.children) subBlocks(c, pid, out);
  return out;
}

async function until(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

interface Round {
  delivery: number[];
  matrix: number[];
  signHttp: number[];
  signBytes: number[];
  allDelivered: number;
  allSigned: number;
}

/** One order: POST → arrival on every terminal (ack) → all acks logged → concurrent sign → commander sees. */
async function round(
  api: GatewayClient,
  cookies: Map<string, string>,
  units: Unit[],
  terminals: Map<string, Socket>,
  commander: Socket,
  waitMs: number,
  n: number,
): Promise<Round> {
  const arrived = new Map<string, number>();
  const signedSeen = new Map<string, number>();
  let orderId = "";
  let deliveredTotal = 0;
  const early: Array<[string, number, OrderLive]> = [];
  for (const u of units) {
    terminals.get(u.id)?.onOrder((at, live) => {
      if (arrived.has(u.id)) return;
      if (!orderId) return void early.push([u.id, at, live]);
      if (live.order.id !== orderId) return;
      arrived.set(u.id, at);
      terminals.get(u.id)?.ws.send(JSON.stringify({ topic: "order.ack", data: { orderId, unitId: u.id } }));
    });
  }
  commander.onOrder((at, live) => {
    if (live.order.id !== orderId) return;
    deliveredTotal = live.order.totals.delivered;
    for (const r of live.order.rows) if (r.signedAt !== null && !signedSeen.has(r.unitId)) signedSeen.set(r.unitId, at);
  });
  const t0 = performance.now();
  const res = await fetch(`${api.base}/api/v1/orders`, {
    method: "POST",
    headers: { cookie: api.cookie, "content-type": "application/json" },
    body: JSON.stringify({
      title: `基准测试指令 ${n}`,
      body: "请各分监区签收。",
      priority: "urgent",
      category: "custody_security",
      targets: units.map((u) => u.id),
      signDeadline: Date.now() + 5 * 60_000,
    }),
  });
  if (res.status !== 201) throw new Error(`POST /orders: ${res.status} ${await res.text()}`);
  orderId = ((await res.json()) as OrderViewWire).id;
  // A push can beat the POST's answer: replay what arrived before the id was known.
  for (const [unitId, at, live] of early.splice(0)) {
    if (live.order.id !== orderId || arrived.has(unitId)) continue;
    arrived.set(unitId, at);
    terminals.get(unitId)?.ws.send(JSON.stringify({ topic: "order.ack", data: { orderId, unitId } }));
  }
  await until(() => arrived.size === units.length, waitMs);
  const allDelivered = Math.max(...[...arrived.values()].map((a) => a - t0));
  // Sign only once the acks are in the log, so sign reflection is not measured against ack traffic.
  await until(() => deliveredTotal >= arrived.size, waitMs);

  const sentAt = new Map<string, number>();
  const signHttp: number[] = [];
  const signBytes: number[] = [];
  const s0 = performance.now();
  await Promise.all(
    units.map(async (u) => {
      const at = performance.now();
      sentAt.set(u.id, at);
      const r = await fetch(`${api.base}/api/v1/orders/${orderId}/targets/${u.id}/sign`, {
        method: "POST",
        headers: { cookie: cookies.get(u.prisonId) ?? "", "content-type": "application/json" },
        body: "{}",
      });
      signBytes.push((await r.arrayBuffer()).byteLength);
      if (r.status !== 200) throw new Error(`sign ${u.id}: ${r.status}`);
      signHttp.push(performance.now() - at);
    }),
  );
  await until(() => signedSeen.size === units.length, waitMs);
  for (const t of terminals.values()) t.onOrder(null);
  commander.onOrder(null);
  return {
    delivery: [...arrived.values()].map((a) => a - t0),
    matrix: [...signedSeen].map(([u, at]) => at - (sentAt.get(u) ?? at)),
    signHttp,
    signBytes,
    allDelivered,
    allSigned: Math.max(...[...signedSeen.values()].map((a) => a - s0)),
  };
}

export async function orderFanout(opts: OrderFanoutOptions = {}): Promise<string[]> {
  const orders = opts.orders ?? Number(process.env.BENCH_ORDERS_N ?? 5);
  const waitMs = opts.waitMs ?? 15_000;
  const maxUnits = opts.maxUnits ?? Number(process.env.BENCH_ORDERS_UNITS ?? Number.POSITIVE_INFINITY);
  const load0 = loadavg()[0] ?? Number.NaN;
  const gw = await startGateway({ FEED_SIM: "0", LOG_LEVEL: "error" });
  const sockets: Socket[] = [];
  const rounds: Round[] = [];
  let units: Unit[] = [];
  let cold: Round | null = null;
  try {
    const api = new GatewayClient(gw.url);
    await api.login("commander", PASSWORD);
    units = subBlocks(await api.json<TreeNode>("GET", "/api/v1/tree"), null, []).slice(0, maxUnits);
    const cookies = new Map<string, string>();
    for (const p of new Set(units.map((u) => u.prisonId))) {
      const op = new GatewayClient(gw.url);
      await op.login(`operator-${p}`, PASSWORD);
      cookies.set(p, op.cookie);
    }
    const terminals = new Map<string, Socket>();
    for (const u of units) {
      const s = await open(gw.url, cookies.get(u.prisonId) ?? "");
      sockets.push(s);
      terminals.set(u.id, s);
    }
    const commander = await open(gw.url, api.cookie);
    sockets.push(commander);
    await new Promise((r) => setTimeout(r, 500)); // let the connect-time snapshots drain
    // The first order after start runs cold (JIT, first views built): measured, reported apart.
    cold = await round(api, cookies, units, terminals, commander, waitMs, 0);
    for (let i = 0; i < orders; i++) rounds.push(await round(api, cookies, units, terminals, commander, waitMs, i + 1));
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
    await gw.stop();
    removeDataDir(gw);
  }
  const all = (f: (r: Round) => number[]) => rounds.flatMap(f);
  const row = (name: string, xs: number[], target: string) =>
    `| ${name} | ${xs.length} | ${fmt(percentile(xs, 50), 1)} | ${fmt(percentile(xs, 95), 1)} | ${fmt(percentile(xs, 99), 1)} | ${fmt(Math.max(...xs), 1)} | ${target} |`;
  const delivered = all((r) => r.delivery).length;
  const signed = all((r) => r.matrix).length;
  return [
    "## Order fan-out to every sub-unit (orders issue)",
    "",
    `A real gateway; ${units.length} sub-blocks of the demo province, each with its own WebSocket terminal (\`ws\`, logged in as its prison's operator) that acks \`order.ack\` on arrival, plus a commander socket.`,
    `${orders} orders (after one cold warm-up order), each to every sub-block: **delivery** = the terminal receives the \`order\` push − the POST /orders was sent; then all units sign for it concurrently and`,
    "**matrix** = the commander's socket receives the `order` push showing that unit signed − that unit's sign POST was sent.",
    "Target: all delivered p99 ≤ 100 ms; sign-for of all reflected in the commander's matrix p99 ≤ 200 ms.",
    "",
    "| figure (ms) | samples | p50 | p95 | p99 | max | target |",
    "|---|---:|---:|---:|---:|---:|---|",
    row(
      "delivery to each terminal",
      all((r) => r.delivery),
      "p99 ≤ 100",
    ),
    row(
      "sign-for reflected in the commander's matrix",
      all((r) => r.matrix),
      "p99 ≤ 200",
    ),
    row(
      "sign POST answer (for reference)",
      all((r) => r.signHttp),
      "—",
    ),
    row(
      "per order: POST → last terminal",
      rounds.map((r) => r.allDelivered),
      "—",
    ),
    row(
      "per order: first sign sent → last row signed",
      rounds.map((r) => r.allSigned),
      "—",
    ),
    "",
    `Per order (ms, POST → last terminal / first sign → last row signed): ${rounds.map((r) => `${fmt(r.allDelivered, 0)} / ${fmt(r.allSigned, 0)}`).join(", ")}.`,
    `Cold first order after the gateway started (not in the table): delivery p99 ${fmt(percentile(cold?.delivery ?? [], 99), 1)} ms, matrix p99 ${fmt(percentile(cold?.matrix ?? [], 99), 1)} ms.`,
    `Counts: ${units.length} units × ${orders} orders = ${units.length * orders} expected; delivered ${delivered}, signed and reflected ${signed}. Each sign answer is the whole OrderView: ${fmt(Math.max(...all((r) => r.signBytes)) / 1024, 0)} KiB at most.`,
    `Machine load average (1 min) at start / end: ${fmt(load0, 1)} / ${fmt(loadavg()[0] ?? Number.NaN, 1)} on ${cpus().length} cores (the terminals, the commander and the gateway share them).`,
    "",
  ];
}
