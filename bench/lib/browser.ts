// Headless Debian Chromium driven by Playwright for the media benchmarks: plays an HLS URL with hls.js
// and reports time to first frame and glass-to-glass latency read from the burned-in barcode.
import { resolve } from "node:path";
import { type Browser, chromium, type Page } from "@playwright/test";
import { chromiumArgs, chromiumPath } from "../../e2e/support/chromium";
import { decodeInPage } from "./barcode";

export const hlsJsPath = resolve(import.meta.dirname, "../../node_modules/hls.js/dist/hls.min.js");

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
  await page.addScriptTag({ content: decodeInPage + measureInPage });
}

/** `resolveUrl` runs in the page (so a /play fetch is part of time-to-first-frame). */
export async function play(
  page: Page,
  opts: {
    url?: string;
    playPath?: string;
    config: Record<string, unknown>;
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
  let ttff = null; const lat = []; let n = 0; let stalls = 0;
  video.addEventListener('waiting', () => { if (ttff !== null) stalls++; });
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
  hls.destroy(); video.remove();
  const info = { hlsLatency: hls.latency, target: hls.targetLatency, buffered: video.buffered.length ? video.buffered.end(video.buffered.length - 1) - video.currentTime : 0, rate: video.playbackRate, stalls };
  return { ttffMs: ttff, latenciesMs: lat, fatal, dropped: q.droppedVideoFrames, total: q.totalVideoFrames, info };
};`;
