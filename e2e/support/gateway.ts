// Starts a real gateway process (apps/gateway/src/main.ts, bundled: gatewayEntry.ts) on free 127.0.0.1 ports
// with its own temporary DATA_DIR, waits for /healthz, and stops it (SIGTERM, then SIGKILL) — every start has its stop.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gatewayArgv } from "./gatewayEntry";
import { trackGateway } from "./gatewayLedger";

export const repoRoot = resolve(import.meta.dirname, "../..");

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface GatewayProcess {
  url: string;
  /** The gateway process id (benchmarks read its CPU and memory from /proc). */
  pid: number;
  port: number;
  rtmpPort: number;
  dataDir: string;
  env: Record<string, string>;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops and starts again on the same ports and data dir (a gateway restart). */
  restart(): Promise<GatewayProcess>;
}

export async function startGateway(env: Record<string, string> = {}, reuse?: GatewayProcess): Promise<GatewayProcess> {
  const port = reuse?.port ?? (await freePort());
  const rtmpPort = reuse?.rtmpPort ?? (await freePort());
  const dataDir = reuse?.dataDir ?? mkdtempSync(join(tmpdir(), "cw-e2e-"));
  const fullEnv: Record<string, string> = {
    PORT: String(port),
    HOST: "127.0.0.1",
    RTMP_PORT: String(rtmpPort),
    DATA_DIR: dataDir,
    SIM: "1",
    LOG_LEVEL: "warn",
    DEMO_PASSWORD: "e2e-pass",
    // Simulated cameras' clips are rendered once per machine, not once per test gateway.
    CLIP_CACHE_DIR: join(repoRoot, ".cache", "clips"),
    ...(reuse?.env ?? {}),
    ...env,
  };
  let out = "";
  // GATEWAY_CPU_PROF=<dir>: a V8 CPU profile of the gateway, written when it exits (benchmark analysis).
  const prof = process.env.GATEWAY_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.GATEWAY_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...prof, ...gatewayArgv()], {
    cwd: repoRoot,
    env: { ...process.env, ...fullEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  trackGateway(child, dataDir, reuse === undefined);
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const tls = fullEnv.TLS_SELF_SIGNED === "1";
  // A gateway with its own self-signed certificate on 127.0.0.1: this harness's fetches accept it.
  if (tls) process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  const url = `${tls ? "https" : "http"}://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`gateway did not become healthy in 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const proc: GatewayProcess = {
    url,
    pid: child.pid as number,
    port,
    rtmpPort,
    dataDir,
    env: fullEnv,
    output: () => out,
    stop: (signal = "SIGTERM") =>
      new Promise<void>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          res();
        });
        child.kill(signal);
      }),
    restart: async () => {
      await proc.stop();
      return startGateway({}, proc);
    },
  };
  return proc;
}

export function removeDataDir(g: GatewayProcess): void {
  rmSync(g.dataDir, { recursive: true, force: true });
}
