// The baseline every media figure is compared with: a stock node-media-server (RTMP in) plus one
// `ffmpeg -c copy -f hls -hls_time 1` process per stream writing to disk, served by a static file server,
// played by hls.js with its defaults. This is the "usual answer" the gateway issue measures against.
import { type ChildProcess, spawn } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { freePort } from "../../e2e/support/gateway";

export interface Proc {
  child: ChildProcess;
  stop(): Promise<void>;
}

export function run(cmd: string, args: string[], opts: { cwd?: string } = {}): Proc {
  const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"], cwd: opts.cwd });
  child.stderr?.resume();
  return {
    child,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        const t = setTimeout(() => child.kill("SIGKILL"), 3000);
        child.once("exit", () => {
          clearTimeout(t);
          res();
        });
        child.kill("SIGTERM");
      }),
  };
}

export async function startNms(): Promise<Proc & { port: number }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "cw-nms-"));
  const script = `const N=require('node-media-server');const n=new N({bind:'127.0.0.1',rtmp:{port:${port}},store:{path:${JSON.stringify(dir)}}});require('node-media-server/src/core/logger.js').level='error';n.run();`;
  const p = run(process.execPath, ["-e", script]);
  await waitPort(port);
  return { ...p, port };
}

export async function waitPort(port: number, timeoutMs = 15_000): Promise<void> {
  const { connect } = await import("node:net");
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((res) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => {
        s.destroy();
        res(true);
      });
      s.once("error", () => res(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not open`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One ffmpeg per stream: pull RTMP from NMS, write 1 s HLS segments to disk. */
export function startHlsRepackager(ffmpeg: string, rtmpUrl: string, outDir: string): Proc {
  mkdirSync(outDir, { recursive: true });
  return run(ffmpeg, [
    "-nostdin",
    "-hide_banner",
    "-loglevel",
    "error",
    "-i",
    rtmpUrl,
    "-c",
    "copy",
    "-f",
    "hls",
    "-hls_time",
    "1",
    "-hls_list_size",
    "6",
    "-hls_flags",
    "delete_segments",
    join(outDir, "index.m3u8"),
  ]);
}

/** Static file server with CORS for the baseline's HLS directory. */
export async function startStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const types: Record<string, string> = { ".m3u8": "application/vnd.apple.mpegurl", ".ts": "video/mp2t" };
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/"));
    const file = join(root, path);
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (path === "/") {
      res.setHeader("Content-Type", "text/html");
      return res.end("<!doctype html><title>baseline</title>");
    }
    if (!file.startsWith(root) || !existsSync(file)) {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader("Content-Type", types[extname(file)] ?? "application/octet-stream");
    res.setHeader("Cache-Control", "no-cache");
    createReadStream(file)
      .on("error", () => res.destroy())
      .pipe(res);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
