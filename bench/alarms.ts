// The alarms issue's benchmarks. (1) Fan-out: signed feed POSTs → a real gateway → N WebSocket clients
// on /api/v1/live (commander session), journal and Redis backends: a fixed-rate run, then rate steps to
// find the highest sustained rate. The load generator is its own process (lib/alarmLoad.ts); this
// process only receives. Latency = receive instant on a client − POST send instant (one monotonic
// clock). (2) Replay: a 1 M-event journal (lib/alarmJournal.ts), then spawn → /healthz, 3 runs.
// Everything it starts (gateways, redis-server, sockets, the load process) it stops, even on failure.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { writeAlarmJournal } from "@cw/gateway";
import WebSocket from "ws";
import { startRedis } from "../apps/gateway/test/support/redis";
import { PASSWORD } from "../e2e/support/fixtures";
import { freePort, type GatewayProcess, removeDataDir, repoRoot, startGateway } from "../e2e/support/gateway";
import { nowMs, runLoad } from "./lib/alarmLoad";
import { GatewayClient } from "./lib/api";
import { cpuSeconds, fmt } from "./lib/proc";

const num = (v: string | undefined, d: number) => (v === undefined || v === "" ? d : Number(v));

export interface FanoutOptions {
  rate?: number;
  seconds?: number;
  clients?: number;
  steps?: number[];
  stepSeconds?: number;
  /** Unmeasured run at `rate` before the measured ones (JIT, sockets). */
  warmSeconds?: number;
  backends?: Array<"journal" | "redis">;
}

interface Step {
  rate: number;
  seconds: number;
  achieved: number;
  posted: number;
  acked: number;
  deliveredAll: number;
  lost: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  postP99: number;
  gatewayCpu: number;
  receiverCpu: number;
  loadCpu: number;
  samples: string[];
}

const passes = (s: Step) => s.p99 <= 50 && s.achieved >= s.rate * 0.95 && s.errors === 0 && s.lost === 0;

/** N live clients on one session; each records, per alarm index of the current step, its first receive. */
async function openReceivers(url: string, cookie: string, n: number) {
  const topic = Buffer.from('"topic":"alarm"');
  let needle = Buffer.from('"sourceId":"none-');
  const recv: Float64Array[] = Array.from({ length: n }, () => new Float64Array(0));
  let closedEarly = 0;
  const sockets = await Promise.all(
    Array.from({ length: n }, (_, c) => {
      const ws = new WebSocket(`${url.replace("http", "ws")}/api/v1/live`, { headers: { cookie } });
      ws.on("message", (data: Buffer) => {
        const t = nowMs();
        const at = data.indexOf(topic);
        if (at < 0 || at > 2) return;
        const p = data.indexOf(needle);
        if (p < 0) return;
        let i = 0;
        for (let k = p + needle.length; k < data.length; k++) {
          const ch = data[k] as number;
          if (ch < 48 || ch > 57) break;
          i = i * 10 + ch - 48;
        }
        const arr = recv[c] as Float64Array;
        if (i < arr.length && Number.isNaN(arr[i])) arr[i] = t;
      });
      ws.on("close", () => closedEarly++);
      return new Promise<WebSocket>((res, rej) => {
        ws.once("open", () => res(ws));
        ws.once("error", rej);
      });
    }),
  );
  return {
    recv,
    closedEarly: () => closedEarly,
    arm(prefix: string, total: number) {
      needle = Buffer.from(`"sourceId":"${prefix}`);
      for (let c = 0; c < n; c++) recv[c] = new Float64Array(total).fill(Number.NaN);
    },
    async close() {
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((res) => {
              if (ws.readyState === ws.CLOSED) return res();
              ws.once("close", () => res());
              ws.close();
              setTimeout(() => ws.terminate(), 2000).unref();
            }),
        ),
      );
    },
  };
}
type Receivers = Awaited<ReturnType<typeof openReceivers>>;

function pct(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

async function runStep(gw: GatewayProcess, rx: Receivers, rate: number, seconds: number, tag: string): Promise<Step> {
  const prefix = `bench-${tag}-${rate}-`;
  const total = Math.round(rate * seconds);
  rx.arm(prefix, total);
  const gw0 = cpuSeconds(gw.pid);
  const me0 = process.cpuUsage();
  const load = await runLoad({ url: gw.url, prisonId: "pj", rate, seconds, prefix, maxInFlight: 128 });
  const ok: number[] = [];
  for (let i = 0; i < total; i++) if (load.status[i] === 202) ok.push(i);
  const missing = () => ok.filter((i) => rx.recv.some((r) => Number.isNaN(r[i] as number))).length;
  // Drain: wait until every 202'd alarm reached every client, or 10 s without progress.
  let left = missing();
  let lastProgress = nowMs();
  while (left > 0 && nowMs() - lastProgress < 10_000) {
    await new Promise((r) => setTimeout(r, 100));
    const now = missing();
    if (now < left) lastProgress = nowMs();
    left = now;
  }
  const wall = (nowMs() - load.startAt) / 1000;
  const me = process.cpuUsage(me0);
  const lat = new Float64Array(ok.length * rx.recv.length);
  let m = 0;
  for (const r of rx.recv)
    for (const i of ok) {
      const t = r[i] as number;
      if (!Number.isNaN(t)) lat[m++] = t - (load.sendAt[i] as number);
    }
  const sorted = lat.subarray(0, m).sort();
  const post = Float64Array.from(ok, (i) => (load.ackAt[i] as number) - (load.sendAt[i] as number)).sort();
  let lastAck = load.startAt;
  for (const i of ok) lastAck = Math.max(lastAck, load.ackAt[i] as number);
  const posted = load.sendAt.reduce((a, t) => a + (Number.isNaN(t) ? 0 : 1), 0);
  return {
    rate,
    seconds,
    achieved: ok.length / Math.max(seconds, (lastAck - load.startAt) / 1000),
    posted,
    acked: ok.length,
    deliveredAll: ok.length - left,
    lost: left,
    errors: total - ok.length + rx.closedEarly(),
    p50: pct(sorted, 50),
    p95: pct(sorted, 95),
    p99: pct(sorted, 99),
    max: pct(sorted, 100),
    postP99: pct(post, 99),
    gatewayCpu: (cpuSeconds(gw.pid) - gw0) / wall,
    receiverCpu: (me.user + me.system) / 1e6 / wall,
    loadCpu: load.cpuS / wall,
    samples: load.errorSamples,
  };
}

async function backendRun(backend: "journal" | "redis", o: Required<FanoutOptions>): Promise<Step[]> {
  const redis = backend === "redis" ? await startRedis() : null;
  let gw: GatewayProcess | null = null;
  let rx: Receivers | null = null;
  try {
    gw = await startGateway({
      SIM: "0",
      FEED_SIM: "0",
      LOG_LEVEL: "error",
      ...(redis ? { REDIS_URL: redis.url } : {}),
    });
    const api = new GatewayClient(gw.url);
    await api.login("commander", PASSWORD);
    rx = await openReceivers(gw.url, api.cookie, o.clients);
    // Warm-up (not reported): JIT, sockets and the HTTP agent, so the first measured seconds are not a cold start.
    await runStep(gw, rx, o.rate, o.warmSeconds, `${backend}-warm`);
    const steps = [await runStep(gw, rx, o.rate, o.seconds, `${backend}-main`)];
    for (const rate of o.steps) {
      const s = await runStep(gw, rx, rate, o.stepSeconds, `${backend}-step`);
      steps.push(s);
      if (!passes(s)) break;
    }
    return steps;
  } finally {
    await rx?.close();
    if (gw) {
      await gw.stop();
      removeDataDir(gw);
    }
    await redis?.stop();
  }
}

export async function alarmFanout(opts: FanoutOptions = {}): Promise<string[]> {
  const e = process.env;
  const o: Required<FanoutOptions> = {
    rate: opts.rate ?? num(e.BENCH_ALARM_RATE, 1000),
    seconds: opts.seconds ?? num(e.BENCH_ALARM_S, 60),
    clients: opts.clients ?? num(e.BENCH_ALARM_CLIENTS, 50),
    steps:
      opts.steps ??
      (e.BENCH_ALARM_STEPS ?? "250,500,1000,1500,2000")
        .split(",")
        .map(Number)
        .filter((r) => r > 0),
    stepSeconds: opts.stepSeconds ?? num(e.BENCH_ALARM_STEP_S, 15),
    warmSeconds: opts.warmSeconds ?? num(e.BENCH_ALARM_WARM_S, 3),
    backends: opts.backends ?? ((e.BENCH_ALARM_BACKENDS ?? "journal,redis").split(",") as Array<"journal" | "redis">),
  };
  const lines = [
    "## Alarm fan-out: signed feed POST → live WebSocket clients (alarms issue)",
    "",
    `A separate load process POSTs signed alarms (unique sourceIds, keep-alive, ≤ 128 in flight) to a real gateway at a fixed rate; ${o.clients} WebSocket clients (commander session) on \`/api/v1/live\` time each \`alarm\` message.`,
    "Latency = receive on a client − POST send (one monotonic clock), over all clients. Lost = answered 202 but missing on any client 10 s after the last progress.",
    `Target: p99 ≤ 50 ms at 1000 alarms/s for 60 s, journal and Redis (appendfsync always), zero lost; then ${o.stepSeconds} s steps (${o.steps.join(", ")} /s) until p99 > 50 ms, achieved < 95 % of the rate, an error or a loss.`,
    "",
    "| backend | run | rate (/s) | achieved (/s) | posted | 202 | delivered to all | lost | errors | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | POST p99 (ms) | gateway CPU | receivers CPU | load CPU | pass |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  const best: string[] = [];
  const notes: string[] = [];
  for (const backend of o.backends) {
    const steps = await backendRun(backend, o);
    steps.forEach((s, k) => {
      lines.push(
        `| ${backend} | ${k === 0 ? `${s.seconds} s` : `step ${s.seconds} s`} | ${s.rate} | ${fmt(s.achieved, 0)} | ${s.posted} | ${s.acked} | ${s.deliveredAll} | ${s.lost} | ${s.errors} | ${fmt(s.p50, 1)} | ${fmt(s.p95, 1)} | ${fmt(s.p99, 1)} | ${fmt(s.max, 1)} | ${fmt(s.postP99, 1)} | ${fmt(s.gatewayCpu * 100, 0)} % | ${fmt(s.receiverCpu * 100, 0)} % | ${fmt(s.loadCpu * 100, 0)} % | ${passes(s) ? "yes" : "**no**"} |`,
      );
      for (const x of s.samples) notes.push(`${backend} ${s.rate}/s: ${x}`);
    });
    const passing = steps.slice(1).filter(passes);
    const last = passing[passing.length - 1];
    best.push(`${backend}: ${last ? `${last.rate} /s` : `none of the steps passed`}`);
  }
  lines.push("", `Highest sustained rate (last passing step): ${best.join("; ")}.`);
  lines.push(
    `Machine load average at the end: ${loadavg()
      .map((x) => fmt(x, 1))
      .join(", ")} (${cpus().length} cores; other work shares them).`,
  );
  if (notes.length > 0) lines.push("", "Error samples:", ...notes.map((n) => `- ${n.replace(/\|/g, "\\|")}`));
  lines.push("");
  return lines;
}

export interface ReplayOptions {
  events?: number;
  runs?: number;
}

interface Start {
  replayedMs: number;
  healthMs: number;
  lastSeq: number;
  /** The state snapshot the start restored (0: none, the whole log was folded). */
  restoredSeq: number;
  /** As the gateway logs them: opening the journal (read + check every line), then restoring the
   *  snapshot (if any) and folding the events after it. */
  openMs: number;
  foldMs: number;
  /** CPU seconds the gateway process used from spawn to /healthz: robust to other load on the machine. */
  cpuS: number;
}

/** Spawns the gateway on `dataDir`; resolves spawn → "event log replayed" log line and → /healthz (ms). */
async function timedStart(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Start> {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    RTMP_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    SIM: "0",
    FEED_SIM: "0",
    LOG_LEVEL: "info",
    DEMO_PASSWORD: PASSWORD,
    ...extraEnv,
  };
  const t0 = Date.now();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "apps/gateway/src/main.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let replayedAt = Number.NaN;
  let lastSeq = 0;
  let openMs = Number.NaN;
  let foldMs = Number.NaN;
  let restoredSeq = 0;
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
    const m = /^.*"msg":"event log replayed".*$/m.exec(out);
    if (m && Number.isNaN(replayedAt)) {
      const line = JSON.parse(m[0]) as {
        time: number;
        lastSeq: number;
        openMs?: number;
        replayMs?: number;
        snapshotReadMs?: number;
        restoredSeq?: number;
      };
      replayedAt = line.time;
      restoredSeq = line.restoredSeq ?? 0;
      lastSeq = line.lastSeq;
      openMs = line.openMs ?? Number.NaN;
      // Restore = reading + decoding the snapshot (before the journal opens) + taking it into the parts.
      foldMs = (line.replayMs ?? Number.NaN) + (line.snapshotReadMs ?? 0);
    }
    if (out.length > 1e6) out = out.slice(-1e5);
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  try {
    const deadline = t0 + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}:\n${out.slice(-2000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`gateway not healthy in 120 s:\n${out.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const healthMs = Date.now() - t0;
    return {
      replayedMs: replayedAt - t0,
      healthMs,
      lastSeq,
      restoredSeq,
      openMs,
      foldMs,
      cpuS: cpuSeconds(child.pid as number),
    };
  } finally {
    await new Promise<void>((res) => {
      if (child.exitCode !== null || child.signalCode !== null) return res();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        res();
      });
      child.kill("SIGTERM");
    });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function journalReplay(opts: ReplayOptions = {}): Promise<string[]> {
  const target = opts.events ?? num(process.env.BENCH_REPLAY_EVENTS, 1_000_000);
  const runs = opts.runs ?? num(process.env.BENCH_REPLAY_RUNS, 3);
  const tailN = Math.round(target / 50); // the default SNAPSHOT_EVERY (20 000) at a million events
  const empty = mkdtempSync(join(tmpdir(), "cw-replay0-"));
  const full = mkdtempSync(join(tmpdir(), "cw-replay-"));
  try {
    const stats = await writeAlarmJournal(full, target);
    const noSnapshots = { SNAPSHOT_EVERY: "0" };
    const base: Start[] = [];
    const whole: Start[] = [];
    const snap: Start[] = [];
    const tail: Start[] = [];
    // Interleaved, so a noisy neighbour hurts all alike; the empty start also warms tsx's cache.
    // 1. No snapshot: the whole log is folded (SNAPSHOT_EVERY=0 also keeps these starts from writing one).
    for (let r = 0; r < runs; r++) {
      base.push(await timedStart(empty));
      whole.push(await timedStart(full, noSnapshots));
    }
    // 2. A snapshot at the log's end: one start with snapshots on writes it at its clean shutdown.
    await timedStart(full);
    for (let r = 0; r < runs; r++) snap.push(await timedStart(full));
    // 3. The worst case after a kill -9: a snapshot SNAPSHOT_EVERY (default 20 k) events behind the log.
    const tailStats = await writeAlarmJournal(full, tailN, Date.now(), { append: true });
    for (let r = 0; r < runs; r++) tail.push(await timedStart(full, { SNAPSHOT_EVERY: "100000000" }));
    const med = (xs: Start[], f: (x: Start) => number) => median(xs.map(f));
    const row = (name: string, xs: Start[]) =>
      `| ${name} | ${xs[xs.length - 1]?.lastSeq ?? 0} | ${xs[xs.length - 1]?.restoredSeq ?? 0} | ${fmt(med(xs, (x) => x.openMs) / 1000)} | ${fmt(med(xs, (x) => x.foldMs) / 1000)} | ${fmt(med(xs, (x) => x.replayedMs) / 1000)} | ${fmt(med(xs, (x) => x.healthMs) / 1000)} | ${fmt(med(xs, (x) => x.cpuS))} | ${xs.map((x) => fmt(x.healthMs / 1000)).join(" / ")} |`;
    const replay = (xs: Start[]) => med(xs, (x) => x.openMs + x.foldMs);
    const health = (xs: Start[]) => med(xs, (x) => x.healthMs);
    const verdict = (ms: number) => (ms <= 5000 ? "meets" : "**misses**");
    const m = (n: number) => `${(n / 1e6).toLocaleString("en")} M`;
    return [
      "## Journal replay at start (alarms issue)",
      "",
      `A journal of ${stats.events.toLocaleString("en")} events (${fmt(stats.bytes / 2 ** 20, 0)} MiB: ${stats.alarms.toLocaleString("en")} alarms raised → repeated → acknowledged → resolved with their obligations, ${stats.rollcalls.toLocaleString("en")} roll-call reports, a third late) is written to a DATA_DIR, and the real gateway process (\`node --import tsx apps/gateway/src/main.ts\`) is spawned on it.`,
      "Three starts: with no snapshot (`SNAPSHOT_EVERY=0`: every event folded); with the state snapshot a clean shutdown leaves at the log's end (restore + nothing to fold); and the worst case after a `kill -9` with the default `SNAPSHOT_EVERY=20000`: the snapshot that far behind the log, here " +
        `${tailStats.events.toLocaleString("en")} more alarm events appended after it (restore + fold the tail).`,
      `Measured: the gateway's own times from its "event log replayed" log line (journal open = read + check every line; restore + fold = snapshot decoded and the events after it folded into every projection), spawn → that line, and spawn → \`/healthz\` answering; median of ${runs} runs, the no-snapshot ones interleaved with starts on an empty DATA_DIR (the fixed cost: Node, tsx transpiling, modules, users).`,
      "Target: ≤ 5 s.",
      "",
      "| DATA_DIR | events at start | snapshot at seq | journal open (s) | restore + fold (s) | spawn → replayed (s) | spawn → /healthz (s) | gateway CPU to /healthz (s) | /healthz per run (s) |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---|",
      row("empty", base),
      row(`${m(target)} events, no snapshot`, whole),
      row(`${m(target)} events, snapshot at the end`, snap),
      row(`${m(target)} + ${tailStats.events.toLocaleString("en")} events after the snapshot`, tail),
      "",
      `With a snapshot: replay (open + restore + fold) ${fmt(replay(snap) / 1000)} s and spawn → /healthz ${fmt(health(snap) / 1000)} s (${verdict(health(snap))} the 5 s target); ` +
        `with a ${fmt(tailN / 1000, 0)} k-event tail: ${fmt(replay(tail) / 1000)} s and ${fmt(health(tail) / 1000)} s (${verdict(health(tail))} it). ` +
        `Without any snapshot (the baseline): ${fmt(replay(whole) / 1000)} s and ${fmt(health(whole) / 1000)} s.`,
      `Machine load average at the end: ${loadavg()
        .map((x) => fmt(x, 1))
        .join(", ")} (${cpus().length} cores; other work shares them).`,
      "",
    ];
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(full, { recursive: true, force: true });
  }
}
