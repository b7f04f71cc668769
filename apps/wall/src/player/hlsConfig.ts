// hls.js configuration for the wall: LL-HLS, small buffers (dozens of tiles share one machine).
// No transmuxer worker: the gateway always serves fMP4, which hls.js passes through without remuxing, so a
// worker buys nothing — and its script is one more request that, on a page of many tiles, queued behind
// the tiles' blocking playlist requests and held every player's first frame back by seconds.
import type { Variant } from "@cw/protocol";
import type { HlsConfig } from "hls.js";
import { hlsTuning } from "./hlsTuning";

export function wallHlsConfig(variant: Variant): Partial<HlsConfig> {
  return {
    debug: false,
    enableWorker: false,
    ...hlsTuning,
    // Small tiles never speed up to catch the live edge: on a loaded wall, playing faster thins the buffer
    // into stalls, and hls.js toggles the rate on every time update (36 tiles: 7.6 % frames dropped with
    // catch-up, 1–2 % without; docs/benchmarks.md). They stay where they started, ~1 s behind.
    ...(variant === "sub" ? { maxLiveSyncPlaybackRate: 1 } : {}),
  };
}
