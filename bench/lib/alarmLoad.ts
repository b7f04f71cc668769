// The alarm load generator of bench/alarms.ts, run in its OWN process (fork + IPC) so that posting
// 1000+ signed feeds a second never competes with the 50 WebSocket receivers for one event loop.
// It posts alarms on a fixed schedule (i/rate after the start) with unique sourceIds `<prefix><i>`,
// over a keep-alive node:http Agent with a bounded number in flight, and records for each i the send
// and answer instants on the monotonic clock (`nowMs`: CLOCK_MONOTONIC, the same in every process of
// the machine, so the receivers' instants compare). It never reads the live topic, and measures nothing
// but its own requests. The parent side is `runLoad()`; the child side runs when the role env is set.
import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { demoFeedKey, signFeed } from "@cw/gateway";

const ROLE_ENV = "CW_BENCH_ROLE";
const ROLE = "alarm-load";

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export interface LoadPlan {
  /** Gateway base URL (http://127.0.0.1:port). */
  url: string;
  prisonId: string;
  rate: number;
  seconds: number;
  /** sourceId prefix: unique per step, so each alarm is new (never a repeat). */
  prefix: string;
  maxInFlight: number;
}

export interface LoadResult {
  /** Send instant per index (ms, monotonic); NaN = not sent. */
  sendAt: Float64Array;
  /** Answer instant per index; NaN = none. */
  ackAt: Float64Array;
  /** HTTP status per index; 0 = not sent, -1 = network error. */
  status: Int16Array;
  startAt: number;
  endAt: number;
  /** Up to 5 error samples (status + body, or the network error). */
  errorSamples: string[];
  /** CPU seconds the load process used while posting. */
  cpuS: number;
}

/** Forks the load process, runs the plan, returns what it measured. Kills the child on failure. */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const child = fork(new URL(import.meta.url).pathname, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, [ROLE_ENV]: ROLE },
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise<LoadResult>((resolve, reject) => {
    let done = false;
    child.once("message", (m) => {
      done = true;
      resolve(m as LoadResult);
      child.disconnect();
    });
    child.once("error", (err) => {
      if (!done) reject(err);
    });
    child.once("exit", (code) => {
      if (!done) reject(new Error(`alarm load process exited with ${code} before answering`));
    });
    child.send(plan);
  }).finally(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
}

function post(agent: Agent, base: URL, path: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ agent, host: base.hostname, port: base.port, path, method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        text += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function generate(plan: LoadPlan): Promise<LoadResult> {
  const total = Math.round(plan.rate * plan.seconds);
  const sendAt = new Float64Array(total).fill(Number.NaN);
  const ackAt = new Float64Array(total).fill(Number.NaN);
  const status = new Int16Array(total);
  const errorSamples: string[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: plan.maxInFlight });
  const base = new URL(plan.url);
  const path = `/api/v1/feeds/${plan.prisonId}/alarms`;
  const key = demoFeedKey("demo", plan.prisonId);
  const cpu0 = process.cpuUsage();
  let next = 0;
  let inFlight = 0;
  const startAt = nowMs();
  let endAt = startAt;

  const sendOne = (i: number) => {
    const body = JSON.stringify({
      sourceId: `${plan.prefix}${i}`,
      type: "fighting",
      severity: 3,
      occurredAt: Date.now(),
      blockId: `${plan.prisonId}-b1`,
      title: "bench alarm",
      description: `load generator, scheduled at +${((i / plan.rate) * 1000).toFixed(1)} ms`,
    });
    const ts = String(Date.now());
    const headers = {
      "content-type": "application/json",
      "x-feed-timestamp": ts,
      "x-feed-signature": signFeed(key, ts, body),
    };
    inFlight++;
    sendAt[i] = nowMs();
    post(agent, base, path, headers, body)
      .then(
        (r) => {
          ackAt[i] = nowMs();
          status[i] = r.status;
          if (r.status !== 202 && errorSamples.length < 5) errorSamples.push(`${r.status} ${r.text.slice(0, 200)}`);
        },
        (err: unknown) => {
          ackAt[i] = nowMs();
          status[i] = -1;
          if (errorSamples.length < 5) errorSamples.push(String(err));
        },
      )
      .finally(() => {
        inFlight--;
        endAt = nowMs();
      });
  };

  await new Promise<void>((resolve) => {
    const pump = () => {
      // Everything due by now goes out, unless the in-flight bound holds it back (then we fall behind,
      // which the achieved rate shows).
      const due = Math.min(total, Math.floor(((nowMs() - startAt) * plan.rate) / 1000) + 1);
      while (next < due && inFlight < plan.maxInFlight) sendOne(next++);
      if (next < total || inFlight > 0) setTimeout(pump, 1);
      else resolve();
    };
    pump();
  });
  agent.destroy();
  const cpu = process.cpuUsage(cpu0);
  return { sendAt, ackAt, status, startAt, endAt, errorSamples, cpuS: (cpu.user + cpu.system) / 1e6 };
}

if (process.env[ROLE_ENV] === ROLE && process.send) {
  process.once("message", (plan) => {
    generate(plan as LoadPlan).then(
      (r) => process.send?.(r, () => process.exit(0)),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
