// End to end over real HTTP: registry + packager behind a tiny node:http server, read by ffmpeg's HLS
// demuxer (a real client) from a cold start.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Variant } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CameraSpec, Served, StreamRegistry } from "../../src/media/types";
import { createStreamRegistry } from "../../src/registry/registry";
import { aacFixture, FFMPEG, h264Fixture, interleave } from "../fmp4/media";
import { replaySource } from "./replay";

const camera: CameraSpec = {
  id: "cam-1",
  name: "Cam 1",
  label: "test",
  source: { kind: "sim" },
  codec: "h264",
  hasSubStream: false,
};
let registry: StreamRegistry;
let server: Server;
let base: string;
let source: ReturnType<typeof replaySource>;

beforeAll(async () => {
  const { tracks, aus } = interleave(h264Fixture({ seconds: 4 }), aacFixture({ seconds: 4 }));
  source = replaySource(
    tracks,
    aus.filter((u) => u.dts < 4000),
    4000,
  );
  registry = createStreamRegistry({ resolve: (id) => (id === camera.id ? camera : null), sourceFactory: () => source });
  server = createServer((req, res) => {
    void route(req.url ?? "/", req.headers["x-client"] as string | undefined).then((r) => {
      if (!r.ok) {
        res
          .writeHead(r.error.code === "not_found" ? 404 : r.error.code === "bad_request" ? 400 : 503)
          .end(r.error.message);
        return;
      }
      const type = typeof r.value === "string" ? "application/vnd.apple.mpegurl" : "video/mp4";
      res.writeHead(200, { "content-type": type }).end(r.value);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await registry.close();
  await new Promise((resolve) => server.close(resolve));
});

async function route(url: string, clientId?: string): Promise<Served<string | Buffer>> {
  const u = new URL(url, "http://x");
  const m = /^\/live\/([^/]+)\/(main|sub)\/(.+)$/.exec(u.pathname);
  if (!m) return { ok: false, error: { code: "not_found", message: url } };
  const [, id, variant, file] = m as unknown as [string, string, Variant, string];
  const num = (k: string): number | undefined => (u.searchParams.has(k) ? Number(u.searchParams.get(k)) : undefined);
  if (file === "index.m3u8")
    return registry.playlist(id, variant, { msn: num("_HLS_msn"), part: num("_HLS_part"), clientId });
  const init = /^init-(\d+)\.mp4$/.exec(file);
  if (init) return registry.init(id, variant, undefined, Number(init[1]));
  const seg = /^s(\d+)\.m4s$/.exec(file);
  if (seg) return registry.segment(id, variant, Number(seg[1]));
  const part = /^p(\d+)\.(\d+)\.m4s$/.exec(file);
  if (part) return registry.part(id, variant, Number(part[1]), Number(part[2]));
  return { ok: false, error: { code: "not_found", message: url } };
}

function ffmpegRead(url: string, frames: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(FFMPEG, [
      "-hide_banner",
      "-loglevel",
      "error",
      "-i",
      url,
      "-map",
      "0:v",
      "-frames:v",
      String(frames),
      "-f",
      "null",
      "-",
    ]);
    let stderr = "";
    p.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const kill = setTimeout(() => p.kill("SIGKILL"), 30_000);
    p.on("error", reject);
    p.on("close", (code) => {
      clearTimeout(kill);
      resolve({ code, stderr });
    });
  });
}

describe("registry over HTTP", () => {
  it("a cold playlist request starts the source and returns a playable playlist", async () => {
    const t0 = Date.now();
    const r = await fetch(`${base}/live/cam-1/main/index.m3u8`, { headers: { "x-client": "a" } });
    const text = await r.text();
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(8000); // generous: time to first frame is a benchmark figure
    expect(text).toMatch(/#EXT-X-PART:DURATION=0\.\d+,URI="p0\.0\.m4s",INDEPENDENT=YES/);
    expect(source.started).toBe(1);
    // The sub variant of a camera without one is the same stream (same entry, same source).
    expect((await fetch(`${base}/live/cam-1/sub/index.m3u8`)).status).toBe(200);
    expect(source.started).toBe(1);
    expect(registry.health()).toMatchObject([
      { cameraId: "cam-1", variant: "main", state: "live", width: 320, height: 180 },
    ]);
  });

  it("a blocking reload returns when the requested part appears", async () => {
    const text = await (await fetch(`${base}/live/cam-1/main/index.m3u8`)).text();
    const hint = /PRELOAD-HINT:TYPE=PART,URI="p(\d+)\.(\d+)\.m4s"/.exec(text)!;
    const t0 = Date.now();
    const r = await fetch(`${base}/live/cam-1/main/index.m3u8?_HLS_msn=${hint[1]}&_HLS_part=${hint[2]}`);
    const next = await r.text();
    expect(r.status).toBe(200);
    expect(next).toContain(`URI="p${hint[1]}.${hint[2]}.m4s"`);
    expect(Date.now() - t0).toBeLessThan(8000); // generous: latency is a benchmark figure
    const part = await fetch(`${base}/live/cam-1/main/p${hint[1]}.${hint[2]}.m4s`);
    expect(part.status).toBe(200);
    expect(
      Buffer.from(await part.arrayBuffer())
        .subarray(4, 8)
        .toString(),
    ).toBe("moof");
  });

  it("ffmpeg's HLS demuxer plays the live playlist", async () => {
    // Let the ring fill so ffmpeg (which starts three segments from the end) has whole segments to read.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const text = await (await fetch(`${base}/live/cam-1/main/index.m3u8`)).text();
      if ((text.match(/#EXTINF/g) ?? []).length >= 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const r = await ffmpegRead(`${base}/live/cam-1/main/index.m3u8`, 60);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
