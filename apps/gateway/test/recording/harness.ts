// A real gateway for recording's integration tests: the real media plane (simulated cameras rendered by
// ffmpeg, RTMP ingest), the file journal, recordings under its data dir, no demo feeds. Every start has
// its stop; clips are rendered once per machine (.cache/clips).
import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { makeConfig } from "../../src/config";
import type { Gateway } from "../../src/gateway";
import { createLogger } from "../../src/log";
import { startGateway } from "../../src/start";
import { demoPassword, loginWith, type Requester, requester, tempDir } from "../helpers";

export const FFPROBE = "/usr/bin/ffprobe";
const repoRoot = resolve(import.meta.dirname, "../../../..");

export function freePort(): Promise<number> {
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

export interface RealGateway {
  gw: Gateway;
  dir: string;
  req: Requester;
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startRealGateway(config: Record<string, unknown> = {}, dir = tempDir()): Promise<RealGateway> {
  const gw = await startGateway(
    makeConfig({
      port: 0,
      host: "127.0.0.1",
      rtmpPort: await freePort(),
      dataDir: dir,
      demoPassword,
      logLevel: "silent",
      wallDir: join(dir, "no-wall"),
      clipCacheDir: join(repoRoot, ".cache", "clips"),
      feedSim: false,
      recordCheckS: 1,
      ...config,
    }),
    createLogger("silent"),
  );
  const req = requester(gw.url);
  return { gw, dir, req, login: (u) => loginWith(req, u), close: () => gw.close() };
}

/** Polls `probe` every 100 ms until it returns a value (not undefined), or fails after `ms`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Video frames ffprobe decodes from a file; any decoder complaint fails. */
export function countFrames(file: string): number {
  const r = spawnSync(
    FFPROBE,
    [
      "-v",
      "error",
      "-select_streams",
      "v:0",
      "-count_frames",
      "-show_entries",
      "stream=nb_read_frames",
      "-of",
      "csv=p=0",
      file,
    ],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (r.error) throw new Error(`ffprobe could not run (is it installed?): ${r.error.message}`);
  const err = r.stderr.toString().trim();
  if (r.status !== 0 || err) throw new Error(`ffprobe ${file}: ${err || `exit ${r.status}`}`);
  return Number(r.stdout.toString().trim().split(/\s+/)[0]);
}

/** Mean absolute difference (0–255) of the grey pixels of two files' first frames, within a crop filter. */
export function meanDiff(a: string, b: string, crop: string): number {
  const grey = (file: string) => {
    const r = spawnSync(
      "/usr/bin/ffmpeg",
      ["-v", "error", "-i", file, "-frames:v", "1", "-vf", `${crop},format=gray`, "-f", "rawvideo", "-"],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.status !== 0) throw new Error(`ffmpeg could not read ${file}: ${r.stderr}`);
    return r.stdout;
  };
  const x = grey(a);
  const y = grey(b);
  if (x.length !== y.length || x.length === 0) throw new Error("frames differ in size");
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!);
  return sum / x.length;
}
