// RtspRelaySource against a real ffmpeg relay pulling from a real (test) RTSP server on 127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Backoff } from "../../src/sources/backoff";
import { audioCodecIn, RtspRelaySource, redactUrl, relayArgs } from "../../src/sources/rtsp-relay";
import { renderTestClip, type TestClip } from "./helpers/h264-clip";
import { RecordingSink, waitFor } from "./helpers/recording-sink";
import { TestRtspServer } from "./helpers/rtsp-server";

const dir = mkdtempSync(join(tmpdir(), "cw-rtsp-"));
let clip: TestClip;
const owned: Array<{ stop?: () => Promise<void>; close?: () => Promise<void> }> = [];
const fastBackoff = { initialMs: 200, maxMs: 800, healthyMs: 60_000 };

beforeAll(() => {
  clip = renderTestClip(join(dir, "clip.flv"));
});
afterEach(async () => {
  for (const o of owned.splice(0).reverse()) await (o.stop?.() ?? o.close?.());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Backoff", () => {
  it.each([
    [
      [0, 0, 0, 0, 0, 0, 0],
      [500, 1000, 2000, 4000, 8000, 10_000, 10_000],
    ],
    [
      [0, 0, 60_000, 0],
      [500, 1000, 500, 1000],
    ],
  ])("runs %j → delays %j", (runs, delays) => {
    const b = new Backoff();
    expect(runs.map((r) => b.afterRun(r))).toEqual(delays);
  });
});

describe("relayArgs", () => {
  it("copies, picks the RTP transport and writes MPEG-TS to stdout, flushed per packet", () => {
    const a = relayArgs("rtsp://cam/1").join(" ");
    expect(a).toContain("-rtsp_transport tcp");
    expect(a).toContain("-i rtsp://cam/1");
    expect(a).toContain("-c copy");
    expect(a).toContain("-map 0:a:0?");
    expect(a).toMatch(/-f mpegts .*-flush_packets 1 pipe:1$/);
    expect(relayArgs("rtsp://cam/1", "udp").join(" ")).toContain("-rtsp_transport udp");
  });

  it("redacts credentials from URLs and ffmpeg's messages", () => {
    expect(redactUrl("rtsp://admin:s3cret@10.0.0.5:554/ch1: 401 Unauthorized")).toBe(
      "rtsp://***@10.0.0.5:554/ch1: 401 Unauthorized",
    );
    expect(audioCodecIn("  Stream #0:1: Audio: pcm_alaw, 8000 Hz, mono, s16, 64 kb/s")).toBe("pcm_alaw");
  });
});

describe("RtspRelaySource", () => {
  it("relays a camera, ends when it goes away, resumes with a discontinuity when it returns", async () => {
    const camera = new TestRtspServer(clip);
    owned.push(camera);
    const port = await camera.listen();
    const relay = new RtspRelaySource({
      url: `rtsp://127.0.0.1:${port}/cam`,
      ffmpegPath: "/usr/bin/ffmpeg",
      backoff: fastBackoff,
    });
    owned.push(relay);
    const sink = new RecordingSink();
    relay.start(sink);
    await waitFor(() => sink.units("video").length >= 25, 10_000, "a second of relayed video");
    const cfg = sink.events[0];
    expect(cfg?.type === "config" && cfg.tracks.video).toMatchObject({ codec: "h264", width: 320, height: 180 });
    expect(sink.units("video")[0]?.key).toBe(true);

    await camera.close(); // the camera goes away
    await waitFor(() => sink.count("end") === 1, 12_000, "end() after the camera went away");
    await new Promise((r) => setTimeout(r, 1200)); // a few refused reconnects: still one end()
    expect(sink.count("end")).toBe(1);

    const mark = sink.events.length;
    await camera.listen(port); // the camera returns on the same address
    await waitFor(() => sink.events.slice(mark).filter((e) => e.type === "unit").length >= 10, 10_000, "resumed video");
    const after = sink.events.slice(mark).map((e) => e.type);
    expect(after.slice(0, 2)).toEqual(["discontinuity", "config"]);
  });

  it("ends once for an unreachable camera and stop() cancels the back-off", async () => {
    const relay = new RtspRelaySource({
      url: "rtsp://127.0.0.1:9/none",
      ffmpegPath: "/usr/bin/ffmpeg",
      backoff: fastBackoff,
    });
    const sink = new RecordingSink();
    relay.start(sink);
    await waitFor(() => sink.count("end") === 1, 8000, "end() for an unreachable camera");
    await relay.stop();
    expect(sink.count("end")).toBe(1);
    expect(sink.units()).toHaveLength(0);
  });

  it("stop() kills a running relay and waits for it", async () => {
    const camera = new TestRtspServer(clip);
    owned.push(camera);
    const port = await camera.listen();
    const relay = new RtspRelaySource({ url: `rtsp://127.0.0.1:${port}/cam`, ffmpegPath: "/usr/bin/ffmpeg" });
    const sink = new RecordingSink();
    relay.start(sink);
    await waitFor(() => sink.units().length > 0, 10_000, "first relayed unit");
    await relay.stop();
    await waitFor(() => camera.playing === 0, 3000, "the relay's RTSP session to close");
  });
});
