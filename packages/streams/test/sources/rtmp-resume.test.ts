// Regression (issue 15): a camera that comes back within node-media-server's 30 s grace with a track added.
// Real FLV files (video only, then video + AAC) published by ffmpeg into the embedded node-media-server,
// through our RTMP subscriber and the on-demand registry. NMS 4.4.3 resumes the publish by shifting each
// track by its own last dts (video +~4 s, audio +0); before the fix every later segment was one frame long
// behind a discontinuity and health still said live. Now: exactly one discontinuity, a new init segment
// with the audio track, whole segments after it, health live.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { MediaSink, StreamRegistry } from "../../src/media/types";
import { createStreamRegistry } from "../../src/registry/registry";
import { RtmpIngest } from "../../src/sources/rtmp-ingest";
import { findBox } from "../fmp4/media";
import { parsedMedia, validateMedia } from "../hls/validate";
import { testCamera } from "../registry/replay";
import { startChild, type TestChild } from "./helpers/child";
import { encodeFlv } from "./helpers/flv-files";
import { waitFor } from "./helpers/recording-sink";

const dir = mkdtempSync(join(tmpdir(), "cw-rtmp-resume-"));
const camera = testCamera("cam");
let ingest: RtmpIngest;
let registry: StreamRegistry;
const children: TestChild[] = [];

beforeAll(async () => {
  ingest = new RtmpIngest({ port: 0, host: "127.0.0.1", dataDir: dir, authorize: (n, k) => n === "cam" && k === "k" });
  await ingest.start();
  registry = createStreamRegistry({
    resolve: (id) => (id === "cam" ? camera : null),
    sourceFactory: () => {
      let off: (() => void) | null = null;
      return {
        start: (sink: MediaSink) => {
          off = ingest.subscribe("cam", sink);
        },
        stop: async () => off?.(),
      };
    },
    tickMs: 200,
  });
});

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await registry.close();
  await ingest.close();
  rmSync(dir, { recursive: true, force: true });
});

function publish(file: string): TestChild {
  const url = `rtmp://127.0.0.1:${ingest.port}/live/cam?key=k`;
  const c = startChild(
    "/usr/bin/ffmpeg",
    ["-hide_banner", "-loglevel", "error", "-re", "-i", file].concat(["-c", "copy", "-f", "flv", url]),
  );
  children.push(c);
  return c;
}

it("video only → stop → video + AAC within the grace: one discontinuity, a new init, whole segments", {
  timeout: 60_000,
}, async () => {
  const videoOnly = encodeFlv(dir, "video", 4, false);
  const withAudio = encodeFlv(dir, "video-aac", 6, true);
  const first = publish(videoOnly);
  const cold = await registry.playlist("cam", "main", {});
  expect(cold.ok).toBe(true);
  await first.exited;
  await waitFor(() => !ingest.isPublishing("cam"), 5000, "the first publish to end");
  const second = publish(withAudio); // the same client within NMS's 30 s grace: a resumed publish
  const texts: string[] = [];
  const states: string[] = [];
  while (second.proc.exitCode === null) {
    const r = await registry.playlist("cam", "main", {});
    if (r.ok) texts.push(r.value);
    const h = registry.health().find((x) => x.cameraId === "cam");
    if (h) states.push(`${h.state} ${h.discontinuities} ${h.error ?? ""}`.trim());
    await new Promise((res) => setTimeout(res, 250));
  }
  await second.exited;
  // The publisher's socket closes a moment before its process is seen to exit: samples taken in between
  // say "offline … publisher disconnected", which is after the resumed publish, not during it.
  while (states.at(-1)?.startsWith("offline")) states.pop();
  const last = texts.at(-1) ?? "";
  for (const t of texts) expect(validateMedia(t)).toEqual([]);
  const p = parsedMedia(last);
  const disc = p.segments.filter((s) => s.discontinuity).length + (p.discontinuitySequenceBase ?? 0);
  expect(disc).toBe(1);
  // After the break: the audio-carrying init, and segments of a whole GOP (not one frame).
  const breakAt = p.segments.findIndex((s) => s.discontinuity);
  const after = p.segments.slice(breakAt).filter((s) => s.uri);
  expect(after.length).toBeGreaterThanOrEqual(3);
  expect(after[0]?.map?.uri).toBe("init-2.mp4");
  for (const s of after.slice(0, -1)) expect(s.duration).toBeGreaterThanOrEqual(0.9);
  const init2 = await registry.init("cam", "main", undefined, 2);
  expect(init2.ok && findBox(init2.value, "mp4a") !== null).toBe(true);
  // While the resumed publish ran, health said what players saw: live, one discontinuity, no error.
  expect(states.length).toBeGreaterThan(10);
  expect(states.filter((x) => x.startsWith("error"))).toEqual([]);
  expect(states.at(-1)).toMatch(/^(live|stalled) 1$/); // stalled only if this machine starved the publisher
  expect(states).toContain("live 1");
});
