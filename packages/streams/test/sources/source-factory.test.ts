// createSourceFactory: which Source each camera kind and variant gets (unit, no processes).
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CameraSpec, MediaSink } from "../../src/media/types";
import { findFfmpeg } from "../../src/sources/ffmpeg-path";
import type { RtmpIngest } from "../../src/sources/rtmp-ingest";
import { RtspRelaySource } from "../../src/sources/rtsp-relay";
import { SimSource } from "../../src/sources/sim/sim-source";
import { createSourceFactory, rtmpStreamName, rtspUrl } from "../../src/sources/source-factory";

const clipDir = mkdtempSync(join(tmpdir(), "cw-factory-"));
afterAll(() => rmSync(clipDir, { recursive: true, force: true }));

const cam = (source: CameraSpec["source"]): CameraSpec => ({
  id: "cam7",
  name: "n",
  label: "l",
  source,
  codec: "h264",
  hasSubStream: true,
});

/** Records subscriptions instead of running node-media-server. */
function fakeIngest() {
  const calls: string[] = [];
  const ingest = {
    subscribe: (name: string, _sink: MediaSink) => {
      calls.push(`+${name}`);
      return () => calls.push(`-${name}`);
    },
  } as unknown as RtmpIngest;
  return { ingest, calls };
}

const sink: MediaSink = { config() {}, unit() {}, discontinuity() {}, end() {} };

describe("createSourceFactory", () => {
  it.each([
    ["main", "cam7"],
    ["sub", "cam7_sub"],
  ] as const)("rtmp %s subscribes to stream %s and unsubscribes on stop", async (variant, name) => {
    const { ingest, calls } = fakeIngest();
    const factory = createSourceFactory({ ingest, ffmpegPath: "/usr/bin/ffmpeg", clipDir, simFont: null });
    const source = factory(cam({ kind: "rtmp" }), variant);
    source.start(sink);
    source.start(sink); // idempotent
    await source.stop();
    await source.stop();
    expect(calls).toEqual([`+${name}`, `-${name}`]);
    await factory.close();
  });

  it("rtsp and sim cameras get a relay and a simulator", async () => {
    const factory = createSourceFactory({ ingest: fakeIngest().ingest, ffmpegPath: "/usr/bin/ffmpeg", clipDir });
    expect(factory(cam({ kind: "rtsp", url: "rtsp://a" }), "main")).toBeInstanceOf(RtspRelaySource);
    expect(factory(cam({ kind: "sim" }), "sub")).toBeInstanceOf(SimSource);
    await factory.close();
  });

  it.each([
    [{ url: "rtsp://a/main", subUrl: "rtsp://a/sub" }, "main", "rtsp://a/main"],
    [{ url: "rtsp://a/main", subUrl: "rtsp://a/sub" }, "sub", "rtsp://a/sub"],
    [{ url: "rtsp://a/main" }, "sub", "rtsp://a/main"],
  ] as const)("rtspUrl(%j, %s) = %s", (source, variant, url) => {
    expect(rtspUrl(source, variant)).toBe(url);
  });

  it("names RTMP streams <id> and <id>_sub", () => {
    expect([rtmpStreamName("a1", "main"), rtmpStreamName("a1", "sub")]).toEqual(["a1", "a1_sub"]);
  });
});

describe("findFfmpeg", () => {
  it("prefers the system ffmpeg", () => {
    expect(findFfmpeg()).toEqual({ ffmpeg: "/usr/bin/ffmpeg", ffprobe: "/usr/bin/ffprobe", system: true });
  });

  it("falls back to the executable bundled by @ffmpeg-installer/ffmpeg", () => {
    const found = findFfmpeg([]);
    expect(found.system).toBe(false);
    expect(found.ffmpeg).toMatch(/@ffmpeg-installer\/linux-x64\/ffmpeg$/);
    expect(statSync(found.ffmpeg).mode & 0o111).not.toBe(0);
  });
});
