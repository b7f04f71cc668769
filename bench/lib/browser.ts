// Headless Debian Chromium driven by Playwright for the media benchmarks: plays an HLS URL with hls.js
// and reports time to first frame and glass-to-glass latency read from the burned-in barcode.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import ts from "typescript";
import { chromiumArgs, chromiumPath } from "../../e2e/support/chromium";
import { decodeInPage } from "./barcode";

export const hlsJsPath = resolve(import.meta.dirname, "../../node_modules/hls.js/dist/hls.min.js");

/**
 * The wall's live-edge follower (apps/wall/src/player/liveEdge.ts) as a page script: the file itself,
 * types stripped, so a benchmark that plays "as the wall does" runs the wall's own code.
 */
function liveEdgeScript(): string {
  const src = readFileSync(resolve(import.meta.dirname, "../../apps/wall/src/player/liveEdge.ts"), "utf8");
  const js = ts.transpileModule(src, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  return `window.__cwLiveEdge = (() => { const exports = {}; ${js}; return exports; })();`;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
}

export interface PlayResult {
  ttffMs: number | null;
  latenciesMs: number[];
  fatal: string[];
  dropped: number;
  total: number;
  info?: Record<string, number>;
}

/** Prepares a page at `origin` (for same-origin HLS and cookies) with hls.js and the barcode decoder. */
export async function preparePage(page: Page, origin: string): Promise<void> {
  await page.goto(origin);
  await page.setContent("<!doctype html><html><body style='margin:0;background:#000'></body></html>");
  await page.addScriptTag({ path: hlsJsPath });
  await page.addScriptTag({ content: liveEdgeScript() });
  await page.addScriptTag({ content: decodeInPage + measureInPage });
}

/** `resolveUrl` runs in the page (so a /play fetch is part of time-to-first-frame). */
export async function play(
  page: Page,
  opts: {
    url?: string;
    playPath?: string;
    config: Record<string, unknown>;
    /** Run the wall's live-edge follower (main tiles do) next to hls.js. */
    followLive?: boolean;
    warmupMs: number;
    sampleMs: number;
    barcode: boolean;
  },
): Promise<PlayResult> {
  return page.evaluate(
    (o) => (window as unknown as { __cwMeasure(o: unknown): Promise<PlayResult> }).__cwMeasure(o),
    opts,
  );
}

const measureInPage = `
window.__cwMeasure = async (o) => {
  const t0 = performance.now();
  let url = o.url;
  if (o.playPath) {
    const r = await fetch(o.playPath);
    url = (await r.json()).hls;
  }
  const video = document.createElement('video');
  video.muted = true; video.autoplay = true; video.playsInline = true;
  video.style.width = '640px'; video.style.height = '360px';
  document.body.appendChild(video);
  const canvas = document.createElement('canvas');
  const hls = new Hls(o.config);
  const fatal = [];
  hls.on(Hls.Events.ERROR, (_e, d) => { if (d.fatal) fatal.push(d.type + ':' + d.details); });
  hls.loadSource(url);
  hls.attachMedia(video);
  const unfollow = o.followLive ? window.__cwLiveEdge.followLiveEdge(hls, video) : () => {};
  // A seek (the live-edge jump) fires 'waiting' while it decodes from the key frame: counted as a jump with
  // its duration, not as a stall (running out of buffer).
  let ttff = null; const lat = []; let n = 0; let stalls = 0; let jumps = 0; let jumpMs = 0; let seekAt = 0;
  video.addEventListener('waiting', () => { if (ttff !== null && !video.seeking) stalls++; });
  video.addEventListener('seeking', () => { if (ttff !== null) { jumps++; seekAt = performance.now(); } });
  video.addEventListener('seeked', () => { if (seekAt) { jumpMs += performance.now() - seekAt; seekAt = 0; } });
  const done = new Promise((res) => {
    const end = () => res();
    const cb = () => {
      if (ttff === null) { ttff = performance.now() - t0; setTimeout(end, o.warmupMs + o.sampleMs); }
      n++;
      if (o.barcode && ttff !== null && performance.now() - t0 > ttff + o.warmupMs && n % 3 === 0) {
        const stamp = window.__cwDecode(video, canvas);
        lat.push(window.__cwLatency(stamp));
      }
      video.requestVideoFrameCallback(cb);
    };
    video.requestVideoFrameCallback(cb);
    setTimeout(() => { if (ttff === null) end(); }, 30000);
  });
  await done;
  const q = video.getVideoPlaybackQuality();
  const info = { hlsLatency: hls.latency, target: hls.targetLatency, buffered: video.buffered.length ? video.buffered.end(video.buffered.length - 1) - video.currentTime : 0, rate: video.playbackRate, stalls, jumps, jumpMs: Math.round(jumpMs) };
  unfollow(); hls.destroy(); video.remove();
  return { ttffMs: ttff, latenciesMs: lat, fatal, dropped: q.droppedVideoFrames, total: q.totalVideoFrames, info };
};`;
