// The H.265 benchmark's Chromium half (issue 15): this Chromium has no HEVC decoder, so every figure is of
// the gateway's H.264 transcode, played by hls.js with the wall's own settings (player/hlsConfig.ts).
// First frame: a tile asks for the sub transcode of a 1080p H.265 camera that is already streaming
// (cold transcoder) — from the playlist request to the first presented frame. Glass-to-glass: a live
// x265 camera with a burned-in clock (lib/barcode.ts) through the large-tile transcode, in LL-HLS.
import { type ChildProcess, spawn } from "node:child_process";
import type { Server } from "node:http";
import { type MediaSink, type Source, type StreamRegistry, TsDemuxer } from "@cw/streams";
import type { Browser } from "playwright-core";
import { wallHlsConfig } from "../apps/wall/src/player/hlsConfig";
import { barcodeFilter } from "./lib/barcode";
import { play, preparePage } from "./lib/browser";
import {
  benchRegistry,
  type Clip,
  COLD_RUNS,
  camera,
  FFMPEG,
  gopPhaseMs,
  load,
  looping,
  msRow,
  serveRegistry,
} from "./lib/hevcRig";
import { fmt, percentile } from "./lib/proc";

/** A live H.265 camera showing the wall clock as a barcode: ffmpeg's x265 in MPEG-TS, our TS demuxer. */
function clockCamera(): Source {
  let proc: ChildProcess | null = null;
  return {
    start(sink: MediaSink) {
      const p = spawn(FFMPEG, [
        ...["-nostdin", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi"],
        ...["-i", "testsrc2=size=640x360:rate=25", "-vf", barcodeFilter(25), "-pix_fmt", "yuv420p"],
        ...["-c:v", "libx265", "-preset", "ultrafast", "-tune", "zerolatency"],
        ...["-x265-params", "log-level=none:keyint=25:bframes=0:repeat-headers=1", "-b:v", "800k"],
        ...["-f", "mpegts", "pipe:1"],
      ]);
      proc = p;
      const d = new TsDemuxer(sink);
      p.stdout.on("data", (b: Buffer) => d.push(b));
    },
    async stop() {
      const p = proc;
      proc = null;
      if (!p || p.exitCode !== null) return;
      const gone = new Promise((res) => p.once("exit", res));
      p.kill("SIGKILL");
      await gone;
    },
  };
}

export async function hevcBrowser(browser: Browser, full: Clip): Promise<string[]> {
  const out: string[] = [];
  let current: StreamRegistry | null = null;
  const { base, server } = await serveRegistry(() => current!);
  const page = await browser.newPage();
  try {
    await preparePage(page, base);
    // With the spare ffmpeg (the gateway's default) and without, interleaved (hevc.ts).
    const firstFrames = { spare: [] as number[], none: [] as number[] };
    const loads: string[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const spare of [true, false]) {
        const r = benchRegistry({ main: () => looping(full) }, [], "960x540", spare);
        current = r;
        try {
          await r.playlist(camera.id, "main", {});
          await new Promise((res) => setTimeout(res, gopPhaseMs(i)));
          const got = await play(page, {
            url: `${base}/hls/sub-h264/index.m3u8`,
            config: { ...wallHlsConfig("sub") },
            warmupMs: 0,
            sampleMs: 0,
            barcode: false,
          });
          if (got.ttffMs !== null) firstFrames[spare ? "spare" : "none"].push(got.ttffMs);
        } finally {
          await r.close();
        }
      }
      if (i % 4 === 0) loads.push(load());
    }
    const first = "request → first transcoded frame in Chromium (hls.js, the wall's small-tile settings),";
    out.push(msRow(`${first} with the spare ffmpeg (default)`, firstFrames.spare, loads.join(", ")));
    out.push(msRow(`${first} without a spare (TRANSCODE_SPARE=0)`, firstFrames.none, loads.join(", ")));
    out.push("");
    // Glass-to-glass through the large-tile transcode (source size kept: 640×360 H.265 → H.264 25 fps).
    const r = benchRegistry({ main: clockCamera }, [], "source");
    current = r;
    try {
      await r.playlist(camera.id, "main", {});
      const loadAt = load();
      const got = await play(page, {
        url: `${base}/hls/main-h264/index.m3u8`,
        config: { ...wallHlsConfig("main") },
        warmupMs: 5_000,
        sampleMs: Number(process.env.BENCH_SAMPLE_MS ?? 20_000),
        barcode: true,
      });
      const lat = got.latenciesMs.filter((x) => x >= 0 && x < 60_000);
      out.push(
        "| glass-to-glass, live 640×360 x265 camera → H.264 transcode → LL-HLS (the wall's large-tile settings) | samples | p50 (s) | p95 (s) | load avg |",
      );
      out.push("|---|---:|---:|---:|---:|");
      out.push(
        `| barcode clock read in Chromium${got.fatal.length ? ` (fatal: ${got.fatal.join(", ")})` : ""} | ${lat.length} | ${fmt(percentile(lat, 50) / 1000)} | ${fmt(percentile(lat, 95) / 1000)} | ${loadAt}, ${load()} |`,
      );
    } finally {
      await r.close();
    }
  } finally {
    current = null;
    await page.close();
    await new Promise((res) => (server as Server).close(res));
  }
  return out;
}
