// GB/T 28181 signalling load: 1 000 registered devices keeping alive every 60 s and a lower platform's
// 10 000-channel catalogue synced, against the SIP server (the pure core + its sockets) in this process,
// the devices simulated in another (bench/lib/gbDevices.ts, the test simulator's code). Measured: the event
// loop's delay (monitorEventLoopDelay) while all of it runs, the catalogue's time from query to the last
// page, and registration of the fleet. Targets: event-loop p99 ≤ 10 ms; 10 000 channels ≤ 5 s.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { type GbEvent, GbServer } from "@cw/gb28181";
import { fmt } from "./lib/proc";

const DEVICES = Number(process.env.BENCH_GB_DEVICES ?? 1000);
const CHANNELS = Number(process.env.BENCH_GB_CHANNELS ?? 10_000);
const WINDOW_S = Number(process.env.BENCH_GB_WINDOW_S ?? 60);

export async function gbSip(): Promise<string[]> {
  const events: GbEvent[] = [];
  const server = new GbServer({
    bindHost: "127.0.0.1",
    publicHost: "127.0.0.1",
    port: 0,
    serverId: "34020000002000000001",
    domain: "3402000000",
    keepaliveMs: 60_000,
    utcOffsetMinutes: 480,
    passwordFor: () => "bench-pass",
  });
  server.onEvent((e) => {
    if (e.type !== "keepalive") events.push(e);
    else keepalives++;
  });
  let keepalives = 0;
  await server.start();
  let child: ChildProcess | null = null;
  try {
    child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        resolve(import.meta.dirname, "lib/gbDevices.ts"),
        String(server.port),
        String(DEVICES),
        "60",
        String(CHANNELS),
      ],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const registerMs = await new Promise<number>((res, rej) => {
      child?.stdout?.on("data", (d: Buffer) => {
        const m = /ready (\d+)/.exec(d.toString());
        if (m) res(Number(m[1]));
      });
      child?.once("exit", (c) => rej(new Error(`device simulator exited ${c}`)));
    });
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const t0 = performance.now();
    server.query("34020000002000000099", "Catalog");
    const catalog = await new Promise<Extract<GbEvent, { type: "catalog" }>>((res) => {
      const check = setInterval(() => {
        const c = events.find((e): e is Extract<GbEvent, { type: "catalog" }> => e.type === "catalog");
        if (c) {
          clearInterval(check);
          res(c);
        }
      }, 5);
    });
    const catalogMs = performance.now() - t0;
    const catalogP99 = h.percentile(99) / 1e6;
    await new Promise((r) => setTimeout(r, Math.max(0, WINDOW_S * 1000 - (performance.now() - t0))));
    h.disable();
    const online = server.platform.presence.all().filter((p) => p.online).length;
    return [
      "## GB/T 28181 signalling: 1 000 devices + a 10 000-channel catalogue (issue 14)",
      "",
      `The SIP server (pure core + UDP/TCP sockets) in the bench process; ${DEVICES} simulated devices (UDP, digest registration, keepalive every 60 s, first one spread over the first minute) and one lower platform (TCP) with ${CHANNELS} channels in pages of 4 (${Math.ceil(CHANNELS / 4)} MESSAGEs) in a second process. Window: ${WINDOW_S} s from the catalogue query. Targets: event-loop p99 ≤ 10 ms; catalogue ≤ 5 s.`,
      "",
      "| figure | value |",
      "|---|---:|",
      `| devices online at the end | ${online} |`,
      `| register all (client side, batches of 50) | ${fmt(registerMs / 1000, 2)} s |`,
      `| catalogue: query → last page (${catalog.items.length} items, complete: ${catalog.complete}) | ${fmt(catalogMs / 1000, 2)} s |`,
      `| event-loop delay p99 during the catalogue | ${fmt(catalogP99, 1)} ms |`,
      `| event-loop delay p50 / p99 / max over the window | ${fmt(h.percentile(50) / 1e6, 1)} / ${fmt(h.percentile(99) / 1e6, 1)} / ${fmt(h.max / 1e6, 1)} ms |`,
      `| keepalives answered in the window | ${keepalives} |`,
      "",
    ];
  } finally {
    child?.kill("SIGTERM");
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await gbSip()) console.log(line);
}
