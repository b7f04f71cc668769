// hls.js configuration for the wall, by stream variant (docs/architecture.md, "The wall's players").
// No transmuxer worker: the gateway always serves fMP4, which hls.js passes through without remuxing, so a
// worker buys nothing — and its script is one more request that, on a page of many tiles, queued behind
// the tiles' blocking playlist requests and held every player's first frame back by seconds.
import type { Variant } from "@cw/protocol";
import type { HlsConfig } from "hls.js";
import { hlsTuning } from "./hlsTuning";

/**
 * Main stream (full screen, quarter tiles): LL-HLS at PART-HOLD-BACK (~0.55 s) behind live. It starts on
 * the key frame the first part already holds instead of seeking to live − PART-HOLD-BACK, which would make
 * it fetch the rest of that GOP part by part (up to five round trips) before the first picture; once
 * playing, the player jumps forward inside its buffer to live − PART-HOLD-BACK (liveEdge.ts: hls.js's own
 * catch-up at up to 1.5× only runs while more than 1 s is buffered, so it would stay up to a GOP behind).
 */
const main: Partial<HlsConfig> = {
  ...hlsTuning,
  startOnSegmentBoundary: true,
  // hls.js moves its target latency back by this much per stall (up to one segment, 1 s, for the life of
  // the player). Its default, 1 s, put a tile that stalled once — typically at its start, between the
  // first segment and the parts after it — a whole second behind live for good; 0.2 s per stall backs off
  // as gently and reaches the same limit after five.
  liveSyncOnStallIncrease: 0.2,
};

/**
 * Sub stream (tiles smaller than a quarter): whole segments two segments behind live (~2 s), no catch-up.
 * Dozens of small tiles share one machine; a 1–2 s buffer rides out the moments its cores are saturated,
 * and one request per second per tile instead of five. Measured at 36 tiles (docs/benchmarks.md): LL-HLS
 * 1.1–2.5 % frames dropped with 100–160 stalls a minute; whole segments 0.95 % and none. Playing faster to
 * catch up thins the buffer into stalls on a loaded wall, so small tiles stay where they started.
 */
const sub: Partial<HlsConfig> = {
  ...hlsTuning,
  lowLatencyMode: false,
  liveSyncDurationCount: 2,
  maxLiveSyncPlaybackRate: 1,
};

export function wallHlsConfig(variant: Variant): Partial<HlsConfig> {
  return { debug: false, enableWorker: false, ...(variant === "sub" ? sub : main) };
}
