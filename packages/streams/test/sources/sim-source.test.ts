// The simulator with real ffmpeg-rendered clips: render once, cache, instant cold start, seamless
// looping with advancing timestamps, and the cost of 100 running sources.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CameraSpec } from "../../src/media/types";
import { ClipLibrary } from "../../src/sources/sim/clip-library";
import { SimSource } from "../../src/sources/sim/sim-source";
import { SharedTicker, type Tick } from "../../src/sources/sim/ticker";
import { RecordingSink, waitFor } from "./helpers/recording-sink";

const clipDir = mkdtempSync(join(tmpdir(), "cw-sim-"));
let library: ClipLibrary;
const camera = (id: string): CameraSpec => ({
  id,
  name: `门岗 ${id}`,
  label: "盘锦监狱 / 一监区",
  source: { kind: "sim" },
  codec: "h264",
  hasSubStream: true,
});

/** A ticker the test drives by hand. */
class ManualTicker {
  tick: Tick | null = null;
  add(t: Tick) {
    this.tick = t;
  }
  remove() {
    this.tick = null;
  }
}

beforeAll(() => {
  library = new ClipLibrary({ ffmpegPath: "/usr/bin/ffmpeg", clipDir });
});
afterAll(async () => {
  await library.close();
  rmSync(clipDir, { recursive: true, force: true });
});

describe("SimSource", () => {
  it("an H.265 camera gets an x265 clip (MPEG-TS) that plays as hvc1 from a key frame, on time", async () => {
    const ticker = new SharedTicker();
    const src = new SimSource({ ...camera("hevc1"), codec: "h265" }, "sub", library, ticker);
    const sink = new RecordingSink();
    src.start(sink);
    try {
      await waitFor(() => sink.units().length > 0, 30_000, "the first unit of the H.265 clip");
      const cfg = sink.events[0];
      expect(cfg?.type === "config" && cfg.tracks.video).toMatchObject({ codec: "h265", width: 480, height: 270 });
      expect(cfg?.type === "config" && cfg.tracks.video?.codecString).toMatch(/^hvc1\./);
      expect(sink.units()[0]?.key).toBe(true);
      expect(readdirSync(clipDir).filter((f) => f.startsWith("hevc1-sub-") && f.endsWith(".ts"))).toHaveLength(1);
      // 12.5 fps, a key frame every second, timestamps advancing.
      await waitFor(() => sink.units().length > 25, 10_000, "two seconds of the H.265 clip");
      const units = sink.units();
      expect(units.every((u, i) => i === 0 || u.dts > units[i - 1]!.dts)).toBe(true);
      expect(units.filter((u) => u.key).length).toBeGreaterThanOrEqual(2);
    } finally {
      await src.stop();
    }
  });

  it("renders on first use, then starts with config + a key frame; a cached clip starts at once", async () => {
    const ticker = new SharedTicker();
    const cold = new SimSource(camera("c1"), "sub", library, ticker);
    const sink = new RecordingSink();
    cold.start(sink);
    await waitFor(() => sink.units().length > 0, 15_000, "the first unit of a cold start");
    expect(sink.events[0]?.type).toBe("config");
    expect(sink.units()[0]?.key).toBe(true);
    const cfg = sink.events[0];
    expect(cfg?.type === "config" && cfg.tracks.video).toMatchObject({ codec: "h264", width: 480, height: 270 });
    expect(readdirSync(clipDir).filter((f) => f.endsWith(".flv"))).toHaveLength(1);

    // Clip in memory (shared with the running source): the key frame arrives within the same tick.
    const warm = new SimSource(camera("c1"), "sub", library, new ManualTicker() as unknown as SharedTicker);
    const sink2 = new RecordingSink();
    const t0 = performance.now();
    warm.start(sink2);
    await waitFor(() => sink2.units().length > 0, 1000, "the first unit of a warm start");
    expect(performance.now() - t0).toBeLessThan(500); // no render, no wait for a tick (slack for a loaded CI)
    await Promise.all([cold.stop(), warm.stop()]);
    expect(ticker.size).toBe(0);
  });

  it("loops on a key frame with timestamps advancing by the clip duration", async () => {
    const ticker = new ManualTicker();
    const src = new SimSource(camera("c1"), "sub", library, ticker as unknown as SharedTicker);
    const sink = new RecordingSink();
    src.start(sink);
    await waitFor(() => ticker.tick !== null, 5000, "the source to join the ticker");
    const t0 = performance.now();
    for (let ms = 0; ms <= 9000; ms += 20) ticker.tick!(t0 + ms); // 9 s of clock in no time
    await src.stop();
    const units = sink.units("video");
    expect(units.length).toBeGreaterThanOrEqual(2 * 50); // two loops of a 4 s, 12.5 fps clip
    const dts = units.map((u) => u.dts);
    expect(dts.every((d, i) => i === 0 || d > dts[i - 1]!)).toBe(true);
    expect(units[50]).toMatchObject({ key: true, dts: 4000 });
    expect(units[100]).toMatchObject({ key: true, dts: 8000 });
    const steps = new Set(dts.slice(1).map((d, i) => d - dts[i]!));
    expect([...steps].every((s) => s >= 79 && s <= 81)).toBe(true); // no gap or jump at the loop point
  });

  it("runs 100 sources on one ticker for well under a core", async () => {
    const ticker = new SharedTicker();
    const sources = Array.from({ length: 100 }, () => new SimSource(camera("c1"), "main", library, ticker));
    let units = 0;
    const sink = { config() {}, unit: () => void units++, discontinuity() {}, end() {} };
    for (const s of sources) s.start(sink);
    await waitFor(() => ticker.size === 100, 20_000, "100 sources running");
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 2000));
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    await Promise.all(sources.map((s) => s.stop()));
    const coreShare = (cpu.user + cpu.system) / 1000 / wallMs;
    expect(units).toBeGreaterThan(100 * 25 * 1.5); // ~25 fps each
    expect(coreShare).toBeLessThan(0.25);
    expect(ticker.size).toBe(0);
  });

  it("prewarm renders clips in the background, sub only where the camera has one", async () => {
    const withSub = camera("p1");
    const mainOnly = { ...camera("p2"), hasSubStream: false };
    const rtmp: CameraSpec = { ...camera("p3"), source: { kind: "rtmp" } };
    library.prewarm([withSub, mainOnly, rtmp]);
    await waitFor(() => library.renderPending === 0, 30_000, "prewarm to finish");
    const files = (c: CameraSpec, v: "main" | "sub") => existsSync(join(clipDir, library.spec(c, v).fileName));
    expect([files(withSub, "main"), files(withSub, "sub"), files(mainOnly, "main"), files(mainOnly, "sub")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(files(rtmp, "main")).toBe(false);
    expect(readdirSync(clipDir).filter((f) => f.endsWith(".tmp") || f.endsWith(".txt"))).toEqual([]);
  });
});
