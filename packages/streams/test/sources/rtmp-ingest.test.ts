// RtmpIngest against a real node-media-server and a real ffmpeg publisher on 127.0.0.1.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SourceNote } from "../../src/media/types";
import { RtmpIngest } from "../../src/sources/rtmp-ingest";
import { startPublisher, type TestChild } from "./helpers/child";
import { RecordingSink, waitFor } from "./helpers/recording-sink";

const dataDir = mkdtempSync(join(tmpdir(), "cw-rtmp-"));
const keys: Record<string, string> = {
  cam1: "secret",
  cam2: "other",
  cam3: "third",
  pcm_alaw: "g711a",
  pcm_mulaw: "g711u",
};
let ingest: RtmpIngest;
const children: TestChild[] = [];
const warnings: object[] = [];

const url = (name: string, key: string) => `rtmp://127.0.0.1:${ingest.port}/live/${name}?key=${key}`;
const publish = (name: string, key: string, audio: "aac" | "pcm_alaw" | "pcm_mulaw" = "aac") => {
  const c = startPublisher(url(name, key), undefined, audio);
  children.push(c);
  return c;
};

beforeAll(async () => {
  ingest = new RtmpIngest({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    authorize: (name, key) => keys[name] !== undefined && keys[name] === key,
    log: { info() {}, warn: (o) => warnings.push(o) },
    handshakeTimeoutMs: 1500,
  });
  await ingest.start();
});

afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop()));
});

afterAll(async () => {
  await ingest.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("RtmpIngest", () => {
  it("listens on an ephemeral port; a second ingest in the process is refused", async () => {
    expect(ingest.port).toBeGreaterThan(0);
    const other = new RtmpIngest({ port: 0, host: "127.0.0.1", dataDir, authorize: () => true });
    await expect(other.start()).rejects.toThrow("already running");
  });

  it("refuses a publisher with an unknown key and never lets it become the publisher", async () => {
    const sink = new RecordingSink();
    const off = ingest.subscribe("cam1", sink);
    const bad = publish("cam1", "wrong");
    const code = await Promise.race([bad.exited, new Promise((r) => setTimeout(() => r("running"), 8000))]);
    expect(code).not.toBe("running");
    expect(code).not.toBe(0);
    expect(ingest.isPublishing("cam1")).toBe(false);
    expect(sink.units()).toHaveLength(0);
    off();
  });

  it("refuses an unknown stream name", async () => {
    const bad = publish("nobody", "secret");
    await bad.exited;
    expect(ingest.isPublishing("nobody")).toBe(false);
  });

  it("a late subscriber gets config and a key frame first (GOP cache), then advancing timestamps", async () => {
    const changes: Array<[string, boolean]> = [];
    const offPub = ingest.onPublish((n, p) => changes.push([n, p]));
    publish("cam1", "secret");
    await waitFor(() => ingest.isPublishing("cam1"), 10_000, "cam1 publishing");
    await new Promise((r) => setTimeout(r, 1500)); // let a GOP build up before subscribing
    const sink = new RecordingSink();
    const off = ingest.subscribe("cam1", sink);
    // Replayed synchronously from NMS's GOP cache: the first frame does not wait for the next key frame.
    expect(sink.units("video").length).toBeGreaterThan(0);
    await waitFor(() => sink.units("video").length > 60, 10_000, "60 video units");
    off();
    const firstEvent = sink.events[0];
    expect(firstEvent?.type).toBe("config");
    if (firstEvent?.type !== "config") return;
    expect(firstEvent.tracks.video).toMatchObject({ codec: "h264", width: 320, height: 180 });
    expect(firstEvent.tracks.video?.codecString).toMatch(/^avc1\.[0-9a-f]{6}$/);
    expect(firstEvent.tracks.audio).toMatchObject({ codec: "aac", codecString: "mp4a.40.2" });
    const video = sink.units("video");
    expect(video[0]?.key).toBe(true);
    expect(video.every((u, i, a) => i === 0 || u.dts > a[i - 1]!.dts)).toBe(true);
    expect(video.at(-1)!.dts - video[0]!.dts).toBeGreaterThan(2000);
    expect(video[0]!.data.readUInt32BE(0)).toBeLessThan(video[0]!.data.length); // AVCC length prefix
    expect(changes).toContainEqual(["cam1", true]);
    offPub();
  });

  it("closes a connection that sends garbage, and still accepts a good publisher after", async () => {
    const closes = await Promise.all(
      [
        Buffer.concat([Buffer.from([0x47]), randomBytes(3000)]),
        Buffer.concat([Buffer.from([3]), randomBytes(6000)]),
      ].map(
        (bytes) =>
          new Promise<number>((resolve, reject) => {
            const t0 = Date.now();
            const s = connect(ingest.port, "127.0.0.1", () => s.write(bytes));
            s.on("data", () => {}); // consume the server's S0S1S2 so 'end' can surface
            s.on("error", () => {}); // a reset is a fine way to be closed
            s.on("close", () => resolve(Date.now() - t0));
            setTimeout(() => reject(new Error("garbage connection was not closed")), 8000).unref();
          }),
      ),
    );
    expect(closes.every((ms) => ms < 8000)).toBe(true);
    publish("cam2", "other");
    await waitFor(() => ingest.isPublishing("cam2"), 10_000, "cam2 publishing after garbage");
  });

  it("a subscriber waiting before the publisher gets the stream; a publisher restart ends then discontinues", async () => {
    const sink = new RecordingSink();
    const off = ingest.subscribe("cam3", sink);
    const first = publish("cam3", "third");
    await waitFor(() => sink.units("video").length > 10, 10_000, "units from the first publish");
    await first.stop();
    await waitFor(() => sink.count("end") === 1, 5000, "end after the publisher drops");
    expect(ingest.isPublishing("cam3")).toBe(false);
    const before = sink.events.length;
    publish("cam3", "third");
    await waitFor(() => sink.units("video").length > 30, 10_000, "units from the second publish");
    off();
    const after = sink.events.slice(before);
    expect(after[0]?.type).toBe("discontinuity");
    expect(after[1]?.type).toBe("config");
    const firstVideo = after.find((e) => e.type === "unit" && e.au.kind === "video");
    expect(firstVideo?.type === "unit" && firstVideo.au.key).toBe(true);
  });

  // Many cameras push G.711 over RTMP (FLV sound formats 7/8): the picture plays, the audio is dropped
  // without an error and health names it — not a warning per audio tag, not a silent drop.
  it.each(["pcm_alaw", "pcm_mulaw"] as const)(
    "a camera's G.711 (%s) over RTMP: video plays, audio dropped and said once",
    async (codec) => {
      const notes: SourceNote[] = [];
      const sink = Object.assign(new RecordingSink(), { note: (n: SourceNote) => notes.push(n) });
      // A stream of its own: no earlier publisher within node-media-server's resume grace.
      const off = ingest.subscribe(codec, sink);
      const before = warnings.length;
      publish(codec, keys[codec]!, codec);
      await waitFor(() => sink.units("video").length > 50, 15_000, "50 video units");
      off();
      expect(sink.units("audio")).toEqual([]);
      const configs = sink.events.flatMap((e) => (e.type === "config" ? [e.tracks] : []));
      expect(configs.at(-1)?.audio).toBeNull();
      expect(notes).toEqual([{ audio: { codec, handling: "dropped" } }]);
      expect(warnings.slice(before).filter((w) => JSON.stringify(w).includes(codec))).toEqual([]);
    },
  );
});
