// The demand: a publisher that drops and returns after 35 s resumes (after a discontinuity).
// 35 s is past node-media-server's 30 s publish grace, so the return is a brand-new publish on the
// same stream path; the in-process subscriber stays attached throughout. This test takes ~45 s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RtmpIngest } from "../../src/sources/rtmp-ingest";
import { startPublisher, type TestChild } from "./helpers/child";
import { RecordingSink, waitFor } from "./helpers/recording-sink";

const GAP_MS = 35_000;
const dataDir = mkdtempSync(join(tmpdir(), "cw-rtmp-reconnect-"));
let ingest: RtmpIngest;
const children: TestChild[] = [];

beforeAll(async () => {
  ingest = new RtmpIngest({ port: 0, host: "127.0.0.1", dataDir, authorize: (n, k) => n === "gate" && k === "k1" });
  await ingest.start();
});

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await ingest.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("resumes after a 35 s publisher gap with end, then discontinuity + config + key frame", {
  timeout: 80_000,
}, async () => {
  const url = `rtmp://127.0.0.1:${ingest.port}/live/gate?key=k1`;
  const sink = new RecordingSink();
  const off = ingest.subscribe("gate", sink);
  const first = startPublisher(url);
  children.push(first);
  await waitFor(() => sink.units("video").length >= 25, 10_000, "a second of video");
  await first.stop();
  await waitFor(() => sink.count("end") === 1, 5000, "end() when the publisher drops");
  const droppedAt = Date.now();
  await waitFor(() => Date.now() - droppedAt >= GAP_MS, GAP_MS + 1000, "the 35 s gap");
  expect(ingest.isPublishing("gate")).toBe(false);
  const mark = sink.events.length;
  const second = startPublisher(url);
  children.push(second);
  await waitFor(() => sink.units("video").length >= 75, 10_000, "video after the return");
  off();
  const after = sink.events.slice(mark);
  expect(after.map((e) => e.type).slice(0, 2)).toEqual(["discontinuity", "config"]);
  const video = after.flatMap((e) => (e.type === "unit" && e.au.kind === "video" ? [e.au] : []));
  expect(video[0]?.key).toBe(true);
  // A fresh publish after the grace: NMS no longer shifts timestamps, the timeline starts over.
  expect(video[0]!.dts).toBeLessThan(1000);
  expect(ingest.isPublishing("gate")).toBe(true);
});
