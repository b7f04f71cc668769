import { describe, expect, it } from "vitest";
import { decideRecovery, measureLatency, restartDelay } from "../src/player/recovery";

describe("decideRecovery", () => {
  it.each([
    { err: { fatal: true, type: "mediaError", details: "bufferIncompatibleCodecsError" }, n: 0, kind: "unsupported" },
    {
      err: { fatal: true, type: "networkError", details: "manifestIncompatibleCodecsError" },
      n: 0,
      kind: "unsupported",
    },
    { err: { fatal: false, type: "mediaError", details: "bufferStalledError" }, n: 0, kind: "stalled" },
    { err: { fatal: false, type: "networkError", details: "fragLoadError" }, n: 0, kind: "ignore" },
    {
      err: { fatal: true, type: "networkError", details: "manifestLoadError" },
      n: 0,
      kind: "restart",
      state: "offline",
    },
    {
      err: { fatal: true, type: "networkError", details: "levelLoadTimeOut" },
      n: 0,
      kind: "restart",
      state: "offline",
    },
    { err: { fatal: true, type: "networkError", details: "fragLoadError" }, n: 0, kind: "restart", state: "stalled" },
    { err: { fatal: true, type: "mediaError", details: "bufferAppendError" }, n: 0, kind: "recoverMedia" },
    { err: { fatal: true, type: "mediaError", details: "bufferAppendError" }, n: 2, kind: "restart", state: "stalled" },
    { err: { fatal: true, type: "otherError", details: "internalException" }, n: 0, kind: "restart", state: "offline" },
  ])("$err.details fatal=$err.fatal after $n recoveries → $kind", ({ err, n, kind, state }) => {
    const r = decideRecovery(err, n);
    expect(r.kind).toBe(kind);
    if (r.kind === "restart") expect(r.state).toBe(state);
  });
});

describe("restartDelay", () => {
  it.each([
    [0, 1000],
    [1, 2000],
    [3, 8000],
    [4, 15000],
    [99, 15000],
  ])("attempt %i → %i ms", (a, ms) => {
    expect(restartDelay(a)).toBe(ms);
  });
});

describe("measureLatency", () => {
  it.each([
    { name: "from PDT and server clock", date: new Date(9_000), now: 10_000, offset: 200, hls: 3, ms: 1_200 },
    { name: "never negative", date: new Date(11_000), now: 10_000, offset: 0, hls: null, ms: 0 },
    { name: "falls back to hls.js estimate", date: null, now: 10_000, offset: 0, hls: 1.5, ms: 1_500 },
    { name: "unknown", date: null, now: 10_000, offset: 0, hls: null, ms: null },
    { name: "bad date", date: new Date(Number.NaN), now: 1, offset: 0, hls: Number.NaN, ms: null },
  ])("$name", ({ date, now, offset, hls, ms }) => {
    expect(measureLatency(date, now, offset, hls)).toBe(ms);
  });
});
