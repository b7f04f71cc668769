// A real redis-server for integration tests: spawned on a free 127.0.0.1 port with an append-only file
// fsync'd on every write (the durability the Redis event log documents), in its own temp dir. Owns the
// child process: every start has a stop(). Never skips: a missing redis-server fails the test loudly.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const REDIS_SERVER = process.env.REDIS_SERVER ?? "/usr/bin/redis-server";

export interface RedisHandle {
  url: string;
  port: number;
  /** The data dir (AOF lives here); reuse it with startRedis({dir}) to restart on the same data. */
  dir: string;
  /** SHUTDOWN (SIGTERM), SIGKILL after 5 s; removes the dir unless keepDir. Idempotent. */
  stop(opts?: { keepDir?: boolean }): Promise<void>;
  /** kill -9: no shutdown, no final save. The dir is kept for a restart. */
  kill9(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/** Sends PING with the inline protocol; true on +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    let buf = "";
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once("error", () => done(false));
    s.on("data", (d) => {
      buf += d.toString("latin1");
      if (buf.includes("\r\n")) done(buf.startsWith("+PONG"));
    });
    s.connect(port, "127.0.0.1", () => s.write("PING\r\n"));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function spawnOnce(dir: string, port: number): Promise<{ child: ChildProcess } | { failed: string }> {
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "yes",
    "--appendfsync",
    "always",
    "--dir",
    dir,
    "--daemonize",
    "no",
    "--loglevel",
    "warning",
  ];
  const child = spawn(REDIS_SERVER, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    // Most likely the port was taken between probe and bind: the caller tries another one.
    if (child.exitCode !== null) return { failed: out };
    if (await ping(port)) return { child };
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill("SIGKILL");
  await exited(child);
  throw new Error(`redis-server did not answer PING on 127.0.0.1:${port} within 10 s. Output:\n${out}`);
}

export async function startRedis(opts: { dir?: string } = {}): Promise<RedisHandle> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(
      `redis-server not found at ${REDIS_SERVER}: install it (apt-get install redis-server) or set REDIS_SERVER`,
    );
  }
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "cw-redis-"));
  let lastOutput = "";
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const started = await spawnOnce(dir, port);
    if ("failed" in started) {
      lastOutput = started.failed;
      continue;
    }
    const { child } = started;
    let stopped = false;
    return {
      url: `redis://127.0.0.1:${port}`,
      port,
      dir,
      async stop({ keepDir = false } = {}) {
        if (!stopped) {
          stopped = true;
          child.kill("SIGTERM"); // redis-server treats SIGTERM as SHUTDOWN
          const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited(child);
          clearTimeout(timer);
        }
        if (!keepDir) rmSync(dir, { recursive: true, force: true });
      },
      async kill9() {
        stopped = true;
        child.kill("SIGKILL");
        await exited(child);
      },
    };
  }
  throw new Error(`redis-server exited at start 5 times; last output:\n${lastOutput}`);
}
