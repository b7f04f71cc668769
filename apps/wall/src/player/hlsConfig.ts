// hls.js configuration for the wall: LL-HLS, small buffers (dozens of tiles share one machine),
// workers on (one shared transmuxer worker, served as a local file: no CDN).
import type { HlsConfig } from "hls.js";
import workerPath from "hls.js/dist/hls.worker.js?url";
import { hlsTuning } from "./hlsTuning";

export function wallHlsConfig(): Partial<HlsConfig> {
  return {
    debug: false,
    enableWorker: true,
    workerPath,
    ...hlsTuning,
  };
}
