// The H.265 benchmark's camera (issue 15): x265 clips looped in real time as a camera's streams inside the
// on-demand registry with the real ffmpeg transcoders, and a tiny HTTP server in front of that registry
// for Chromium. No gateway process: what is measured is the media path, not login or the catalogue.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { join } from "node:path";
import type { Rendition } from "@cw/protocol";
import {
  type AccessUnit,
  type CameraSpec,
  createStreamRegistry,
  createTranscodeHooks,
  type MediaSink,
  type Served,
  type Source,
  type StreamRegistry,
  type TrackSet,
  TsDemuxer,
} from "@cw/streams";

import { fmt, percentile } from "./proc";

export const FFMPEG = "/usr/bin/ffmpeg";

/** The 1-minute load average, printed next to every figure (the machine is shared). */
export const load = (): string => fmt(loadavg()[0] ?? 0, 1);

/** A table row: label, runs, p50 and p95 in seconds (from ms), load averages. */
export const msRow = (label: string, ms: number[], loads: string): string =>
  `| ${label} | ${ms.length} | ${fmt(percentile(ms, 50) / 1000)} | ${fmt(percentile(ms, 95) / 1000)} | ${loads} |`;

/** Cold transcoded starts, each at a different point of the source's GOP (the replay is 1–2 s long). */
export const COLD_RUNS = 12;
export const gopPhaseMs = (i: number): number => 300 + Math.round((i * 1000) / COLD_RUNS);

export interface Clip {
  tracks: TrackSet;
  aus: AccessUnit[];
  ms: number;
}

/** An x265 clip (25 fps, 1 s GOP, no B-frames, like a camera) as access units, through our TS demuxer. */
export function hevcClip(dir: string, seconds: number, size: string, bitrate: string): Clip {
  const file = join(dir, `hevc-${size}.ts`);
  execFileSync(FFMPEG, [
    ...["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi"],
    ...["-i", `testsrc2=size=${size}:rate=25:duration=${seconds}`],
    ...["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=none:keyint=25:bframes=0"],
    ...["-b:v", bitrate, "-f", "mpegts", file],
  ]);
  let tracks: TrackSet | null = null;
  const aus: AccessUnit[] = [];
  const d = new TsDemuxer({ config: (t) => (tracks = t), unit: (u) => aus.push(u), discontinuity() {}, end() {} });
  d.push(readFileSync(file));
  d.flush();
  if (!tracks) throw new Error("the HEVC clip did not demux");
  const t0 = aus[0]?.dts ?? 0;
  return { tracks, aus: aus.map((u) => ({ ...u, dts: u.dts - t0, pts: u.pts - t0 })), ms: seconds * 1000 };
}

/** Loops the clip in real time with continuous timestamps (a camera that never stops). */
export function looping(clip: Clip): Source {
  let timer: NodeJS.Timeout | null = null;
  return {
    start(sink: MediaSink) {
      sink.config(clip.tracks);
      const t0 = Date.now();
      let i = 0;
      const pump = (): void => {
        for (;;) {
          const loop = Math.floor(i / clip.aus.length);
          const u = clip.aus[i % clip.aus.length]!;
          const at = u.dts + loop * clip.ms;
          if (at > Date.now() - t0) break;
          sink.unit({ ...u, dts: at, pts: u.pts + loop * clip.ms });
          i++;
        }
        timer = setTimeout(pump, 10);
      };
      pump();
    },
    async stop() {
      if (timer) clearTimeout(timer);
    },
  };
}

export const camera: CameraSpec = {
  id: "hevc-bench",
  name: "hevc-bench",
  label: "bench",
  source: { kind: "sim" },
  codec: "h265",
  hasSubStream: false,
};

/**
 * A registry whose camera streams `main` (and `sub`, when given); transcoders' pids are collected. With
 * `spares` (the gateway's default, TRANSCODE_SPARE) a spare ffmpeg per profile starts with it.
 */
export function benchRegistry(
  streams: { main: () => Source; sub?: () => Source },
  transcoders: Array<{ pid: number | undefined }> = [],
  mainSize: "960x540" | "source" = "960x540",
  spares = true,
): StreamRegistry {
  const hooks = createTranscodeHooks({ ffmpegPath: FFMPEG, max: 100, hw: "none", mainSize, spares });
  const cam = { ...camera, hasSubStream: streams.sub !== undefined };
  return createStreamRegistry({
    resolve: () => cam,
    sourceFactory: (_c, variant) => (variant === "sub" && streams.sub ? streams.sub() : streams.main()),
    transcode: {
      ...hooks,
      source: (c, plan, up) => {
        const s = hooks.source(c, plan, up) as Source & { pid: number | undefined };
        transcoders.push(s);
        return s;
      },
    },
  });
}

/**
 * `/hls/<rendition>/<file>` from whichever registry `current()` returns, and an empty page at `/` (the
 * browser's origin). The gateway's own routes add only the token check (hlsRoutes.ts).
 */
export async function serveRegistry(current: () => StreamRegistry): Promise<{ base: string; server: Server }> {
  const server = createServer((req, res) => {
    void route(current(), req.url ?? "/").then((r) => {
      if (r === "page") return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html>");
      if (!r.ok) return res.writeHead(r.error.code === "not_found" ? 404 : 503).end(r.error.message);
      const type = typeof r.value === "string" ? "application/vnd.apple.mpegurl" : "video/mp4";
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(r.value);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function route(r: StreamRegistry, url: string): Promise<Served<string | Buffer> | "page"> {
  const u = new URL(url, "http://x");
  if (u.pathname === "/") return "page";
  const m = /^\/hls\/([a-z0-9-]+)\/(.+)$/.exec(u.pathname);
  if (!m) return { ok: false, error: { code: "not_found", message: url } };
  const [, rendition, file] = m as unknown as [string, Rendition, string];
  const num = (k: string): number | undefined => (u.searchParams.has(k) ? Number(u.searchParams.get(k)) : undefined);
  if (file === "index.m3u8") return r.playlist(camera.id, rendition, { msn: num("_HLS_msn"), part: num("_HLS_part") });
  const init = /^init-(\d+)\.mp4$/.exec(file);
  if (init) return r.init(camera.id, rendition, undefined, Number(init[1]));
  const seg = /^s(\d+)\.m4s$/.exec(file);
  if (seg) return r.segment(camera.id, rendition, Number(seg[1]));
  const part = /^p(\d+)\.(\d+)\.m4s$/.exec(file);
  if (part) return r.part(camera.id, rendition, Number(part[1]), Number(part[2]));
  return { ok: false, error: { code: "not_found", message: url } };
}
