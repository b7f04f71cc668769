import { describe, expect, it } from "vitest";
import { wallHlsConfig } from "../src/player/hlsConfig";

describe("wallHlsConfig", () => {
  it("plays the main stream as LL-HLS, from the first part's key frame, catching up at up to 1.5×", () => {
    const c = wallHlsConfig("main");
    expect(c.lowLatencyMode).toBe(true);
    expect(c.startOnSegmentBoundary).toBe(true);
    expect(c.maxLiveSyncPlaybackRate).toBe(1.5);
    expect(c.enableWorker).toBe(false);
  });

  it("moves a main tile back from live by 0.2 s per stall, not hls.js's whole second", () => {
    expect(wallHlsConfig("main").liveSyncOnStallIncrease).toBe(0.2);
  });

  it("plays the sub stream in whole segments two behind live, never faster than real time", () => {
    const c = wallHlsConfig("sub");
    expect(c.lowLatencyMode).toBe(false);
    expect(c.liveSyncDurationCount).toBe(2);
    expect(c.maxLiveSyncPlaybackRate).toBe(1);
    expect(c.startOnSegmentBoundary).toBeFalsy();
    expect(c.enableWorker).toBe(false);
  });

  it("keeps the wall's small buffers on both variants", () => {
    for (const v of ["main", "sub"] as const) {
      expect(wallHlsConfig(v).maxBufferLength).toBe(4);
      expect(wallHlsConfig(v).backBufferLength).toBe(4);
    }
  });
});
