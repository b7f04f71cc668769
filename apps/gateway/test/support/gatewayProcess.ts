// A real gateway process (src/main.ts, bundled: e2e/support/gatewayEntry.ts) on free 127.0.0.1 ports with its
// own temporary DATA_DIR, for tests whose subject is how the gateway behaves to a client in another process (connection handling
// under load): client and server sharing one event loop would hide it. Every start has its stop.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gatewayArgv } from "../../../../e2e/support/gatewayEntry";

const root = resolve(import.meta.dirname, "../../../..");

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface GatewayProcess {
  url: string;
  /** The gateway's process id (tests that stop or freeze it). */
  pid: number;
  stop(): Promise<void>;
}

export async function startGatewayProcess(env: Record<string, string> = {}): Promise<GatewayProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "cw-gwproc-"));
  // A caller may fix the HTTP port (a pair whose edge must know the bureau's URL before either is up).
  const port = env.PORT === undefined ? await freePort() : Number(env.PORT);
  const child: ChildProcess = spawn(process.execPath, gatewayArgv(), {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      RTMP_PORT: String(await freePort()),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      DEMO_PASSWORD: "test-pass",
      CLIP_CACHE_DIR: join(root, ".cache", "clips"),
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d) => {
    err = (err + d).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await new Promise((r) => child.once("exit", r));
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}: ${err}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`gateway did not answer /healthz within 60 s: ${err}`);
    }
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, pid: child.pid ?? 0, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
}
