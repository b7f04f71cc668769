// The recorder between the media plane and the stores, with a stand-in registry (this module's unit test:
// the gateway's tests run it on the real one): a plan that records holds the main stream and stores its
// segments; other watched streams go to the replay buffer; a schedule starts and stops recording at its
// local times; a plan set to off releases the hold and seals the file. The replay buffer then answers a
// growing playlist from N seconds back that ffmpeg plays, and pruning drops what nobody can step back to.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StreamHealth } from "@cw/protocol";
import type { SegmentEvent } from "@cw/streams";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RecordingService } from "../src/service";
import { countFrames, segments } from "./support/media";

const T0 = Date.UTC(2025, 2, 3, 0, 0, 0); // Monday 08:00 in UTC+8

class StandInRegistry {
  segmentListeners: Array<(e: SegmentEvent) => void> = [];
  healthListeners: Array<(h: StreamHealth[]) => void> = [];
  holds: string[] = [];
  onSegment(l: (e: SegmentEvent) => void) {
    this.segmentListeners.push(l);
    return () => {};
  }
  onHealth(l: (h: StreamHealth[]) => void) {
    this.healthListeners.push(l);
    return () => {};
  }
  hold(cameraId: string, variant: string) {
    const k = `${cameraId}/${variant}`;
    this.holds.push(k);
    return () => {
      this.holds = this.holds.filter((x) => x !== k);
    };
  }
  emit(cameraId: string, variant: "main" | "sub", at: number, seconds: number): void {
    for (const e of segments({ wallStart: at, seconds, cameraId }).events)
      for (const l of this.segmentListeners) l({ ...e, variant });
  }
}

let root: string;
let now = T0;
let registry: StandInRegistry;
let svc: RecordingService;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "cw-rec-svc-"));
  now = T0;
  registry = new StandInRegistry();
  svc = await RecordingService.open({
    root,
    registry,
    tzOffsetMin: 480,
    now: () => now,
    quotaBytes: Number.POSITIVE_INFINITY,
    defaultRetentionDays: 30,
    maxQueue: 1000,
  });
});
afterEach(async () => {
  await svc.close();
  rmSync(root, { recursive: true, force: true });
});

describe("recorder", () => {
  it("records the main stream of a camera with a plan, holds it, and sends other watched streams to the replay buffer", async () => {
    svc.setPlan("a", { mode: "continuous", retentionDays: 7 });
    expect(registry.holds).toEqual(["a/main"]);
    registry.emit("a", "main", T0, 5);
    registry.emit("a", "sub", T0, 5);
    registry.emit("b", "main", T0, 5);
    await svc.store.flush();
    await svc.replay!.store.flush();
    expect(svc.timeline("a", T0, T0 + 60_000)).toEqual([{ from: T0, to: T0 + 5040 }]);
    expect(svc.timeline("b", T0, T0 + 60_000)).toEqual([]);
    expect(svc.replay!.store.catalog.keys().sort()).toEqual(["a.sub", "b.main"]);

    await svc.setPlan("a", { mode: "off", retentionDays: 7 });
    expect(registry.holds).toEqual([]);
    expect(svc.store.catalog.files("a").every((f) => f.sealed)).toBe(true);
  });

  it("a schedule records only inside its local window", () => {
    svc.setPlan("a", { mode: "schedule", retentionDays: 7, schedule: [{ days: [1], from: "09:00", to: "10:00" }] });
    expect(svc.recorder.isRecording("a")).toBe(false);
    now = T0 + 3600_000; // 09:00 local
    svc.recorder.reconcileAll();
    expect(registry.holds).toEqual(["a/main"]);
    now = T0 + 2 * 3600_000;
    svc.recorder.reconcileAll();
    expect(registry.holds).toEqual([]);
  });
});

describe("instant replay", () => {
  it("plays from N seconds back in a growing playlist, reads the recording when the stream is recorded, and prunes", async () => {
    registry.emit("c", "sub", T0, 150);
    await svc.replay!.store.flush();
    now = T0 + 150_000;
    const r = svc.replayFrom("c", "sub", 30_000);
    expect(r).toEqual({ source: { kind: "replay", variant: "sub" }, from: T0 + 120_000 });
    const text = await svc.replayPlaylist("c", r!.source, r!.from);
    expect(text).toContain("#EXT-X-PLAYLIST-TYPE:EVENT");
    expect(text).toContain(`#EXT-X-PROGRAM-DATE-TIME:${new Date(T0 + 120_000).toISOString()}`);
    const dir = join(root, ".replay", "c.sub");
    writeFileSync(join(dir, "r.m3u8"), `${text}#EXT-X-ENDLIST\n`);
    // 30 s back to the last complete 1 s group: 29 whole seconds (the newest is still being written).
    expect(countFrames(join(dir, "r.m3u8"))).toBeGreaterThanOrEqual(29 * 25);
    expect(svc.mediaFile("c", r!.source, `${T0 + 120_000}.mp4`)).toMatchObject({
      path: join(dir, `${T0 + 120_000}.mp4`),
    });
    expect(svc.mediaFile("c", r!.source, "nope.mp4")).toBeNull();

    // Two minutes back at most (plus one file): older buffered files go.
    now = T0 + 210_000;
    await svc.replay!.prune();
    expect(svc.replay!.earliest("c", "sub")).toBe(T0 + 30_000);

    // A recorded main stream replays from the recording.
    await svc.setPlan("d", { mode: "continuous", retentionDays: 7 });
    registry.emit("d", "main", T0 + 150_000, 50);
    await svc.store.flush();
    expect(svc.replayFrom("d", "main", 10_000)).toEqual({ source: { kind: "recording" }, from: T0 + 200_000 });
  });
});
