// On-demand H.264 renditions of an H.265 camera through the registry with real ffmpeg transcoders: the
// sub transcode is 480×270 H.264 that ffprobe decodes; TRANSCODE_MAX refuses one more with transcode_full;
// a transcoder killed mid-stream restarts and the playlist goes on; when the camera ends the transcoder
// stops; closing the registry leaves no ffmpeg behind; a cold transcode takes a spare ffmpeg started ahead.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { MediaSink, Source, StreamRegistry } from "../../src/media/types";
import { createStreamRegistry } from "../../src/registry/registry";
import { createTranscodeHooks } from "../../src/transcode/hooks";
import { TRANSCODE_PLANS, transcodeArgs } from "../../src/transcode/plan";
import type { TranscodeSource } from "../../src/transcode/transcoder";
import { h265Fixture, probeStreams } from "../fmp4/media";
import { validateMedia } from "../hls/validate";
import { replaySource, testCamera } from "../registry/replay";
import { waitFor } from "../sources/helpers/recording-sink";

const camera = { ...testCamera("hevc-1", { kind: "sim" }), codec: "h265" as const };
const hevc = h265Fixture({ seconds: 4 });
const dir = mkdtempSync(join(tmpdir(), "cw-transcode-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let registry: StreamRegistry | null = null;
afterEach(async () => {
  await registry?.close();
  registry = null;
});

/** ffmpeg processes whose parent is this test process. */
const ourFfmpegs = (): string[] =>
  execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(process.pid)], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l.includes("ffmpeg"));

interface Rig {
  registry: StreamRegistry;
  transcoders: TranscodeSource[];
  sources: Array<Source & { sink: MediaSink | null }>;
}

/** Spares off unless asked: the other tests count the transcoders' own ffmpegs. */
function rig(max = 4, spares = false): Rig {
  const hooks = createTranscodeHooks({ ffmpegPath: "/usr/bin/ffmpeg", max, hw: "none", mainSize: "960x540", spares });
  const transcoders: TranscodeSource[] = [];
  const sources: Rig["sources"] = [];
  registry = createStreamRegistry({
    resolve: (id) => (id === camera.id ? camera : null),
    sourceFactory: () => {
      const s = replaySource({ video: hevc.track, audio: null }, hevc.aus, 4000);
      const wrapped = {
        sink: null as MediaSink | null,
        start(sink: MediaSink) {
          wrapped.sink = sink;
          s.start(sink);
        },
        stop: () => s.stop(),
      };
      sources.push(wrapped);
      return wrapped;
    },
    transcode: {
      ...hooks,
      source: (c, plan, upstream) => {
        const t = hooks.source(c, plan, upstream) as TranscodeSource;
        transcoders.push(t);
        return t;
      },
    },
    tickMs: 200,
  });
  return { registry, transcoders, sources };
}

describe("plans", () => {
  it("software: zero-latency x264 Main, a key frame every second, the tile's size and rate; hardware when asked", () => {
    const sub = transcodeArgs(TRANSCODE_PLANS["sub-h264"], "none").join(" ");
    expect(sub).toContain("scale=480:270");
    expect(sub).toContain("fps=12.5");
    expect(sub).toContain("-c:v libx264 -preset veryfast -tune zerolatency -profile:v main -level 2.1");
    expect(sub).toContain("-g 13 -keyint_min 13 -bf 0");
    expect(sub).toContain("-copyts");
    // The HEVC decode is most of a small tile's cost: one decoder thread, no in-loop filters, and the
    // frame rate halved before the scaler.
    expect(sub).toMatch(/-threads 1 -skip_loop_filter all .*-i pipe:0/);
    expect(sub).toContain("-vf fps=12.5,scale=480:270");
    const main = transcodeArgs(TRANSCODE_PLANS["main-h264"], "none").join(" ");
    expect(main).not.toContain("skip_loop_filter");
    expect(main).not.toMatch(/-threads \d+ .*-i pipe:0/);
    expect(transcodeArgs(TRANSCODE_PLANS["main-h264"], "vaapi").join(" ")).toMatch(
      /h264_vaapi.*scale_vaapi=w=960:h=540|scale_vaapi=w=960:h=540.*h264_vaapi/,
    );
    expect(transcodeArgs(TRANSCODE_PLANS["main-h264"], "nvenc").join(" ")).toContain("-c:v h264_nvenc");
  });

  it("a configured hardware encoder whose device is absent falls back to software", () => {
    const hooks = createTranscodeHooks({
      ffmpegPath: "x",
      max: 1,
      hw: "vaapi",
      mainSize: "source",
      present: () => false,
    });
    expect(hooks.plan("main-h264")).toMatchObject({ width: null, codecString: "avc1.4d4029" });
  });
});

describe("transcoding through the registry", () => {
  it("sub-h264 of an H.265 camera: 480×270 H.264 that ffprobe decodes, a valid playlist", async () => {
    const { registry: r } = rig();
    const first = await r.playlist(camera.id, "sub-h264", {});
    expect(first.ok).toBe(true);
    let text = first.ok ? first.value : "";
    const deadline = Date.now() + 20_000;
    while ((text.match(/#EXTINF/g) ?? []).length < 2 && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 200));
      const p = await r.playlist(camera.id, "sub-h264", {});
      if (p.ok) text = p.value;
    }
    expect(validateMedia(text)).toEqual([]);
    const msns = [...text.matchAll(/^s(\d+)\.m4s$/gm)].map((m) => Number(m[1]));
    const parts = [
      await r.init(camera.id, "sub-h264"),
      ...(await Promise.all(msns.map((n) => r.segment(camera.id, "sub-h264", n)))),
    ];
    const bytes = Buffer.concat(parts.map((x) => (x.ok ? x.value : Buffer.alloc(0))));
    const [[codec, w, h, frames] = []] = probeStreams(
      join(dir, "sub.mp4"),
      bytes,
      "codec_name,width,height,nb_read_frames",
    );
    expect([codec, w, h]).toEqual(["h264", "480", "270"]);
    expect(Number(frames)).toBeGreaterThanOrEqual(12 * msns.length);
    const health = r.health().find((x) => x.rendition === "sub-h264");
    expect(health).toMatchObject({ cameraId: camera.id, variant: "sub", codec: "h264", width: 480, height: 270 });
    // The H.265 source runs under it, once.
    expect(r.health().filter((x) => x.rendition === undefined)).toHaveLength(1);
  }, 40_000);

  it("TRANSCODE_MAX: one more transcode is refused with transcode_full naming the camera", async () => {
    const { registry: r } = rig(1);
    expect(await r.start(camera.id, "main-h264")).toEqual({ ok: true, value: true });
    const refused = await r.start(camera.id, "sub-h264");
    expect(refused).toMatchObject({ ok: false, error: { code: "transcode_full", field: "rendition" } });
    expect(!refused.ok && refused.error.message).toContain(camera.name);
    expect(r.stats().transcodes).toEqual({ running: 1, max: 1 });
  }, 20_000);

  it("killed mid-stream → restarted, the playlist goes on; the camera ends → its transcoders stop", async () => {
    const { registry: r, transcoders, sources } = rig();
    expect((await r.playlist(camera.id, "sub-h264", {})).ok).toBe(true);
    const t = transcoders[0]!;
    const pid = t.pid!;
    process.kill(pid, "SIGKILL");
    await waitFor(() => t.runs === 2 && t.pid !== undefined && t.pid !== pid, 15_000, "the transcoder to restart");
    const before = r.health().find((x) => x.rendition === "sub-h264")!.discontinuities;
    await waitFor(
      () => {
        const h = r.health().find((x) => x.rendition === "sub-h264");
        return h !== undefined && h.state === "live" && h.discontinuities === before;
      },
      10_000,
      "frames after the restart",
    );
    // Health names the running ffmpeg (operators find it in ps/top; the e2e kills it by this pid).
    expect(r.health().find((x) => x.rendition === "sub-h264")?.pid).toBe(t.pid);
    expect((await r.playlist(camera.id, "main-h264", {})).ok).toBe(true);
    expect(ourFfmpegs()).toHaveLength(2);
    // The camera goes away: its transcoders' ffmpegs end with it (and start again when it returns).
    await sources[0]!.stop();
    sources[0]!.sink?.end("camera offline");
    await waitFor(() => t.pid === undefined && ourFfmpegs().length === 0, 10_000, "the transcoders to stop");
    expect(r.health().find((x) => x.rendition === "sub-h264")?.state).toBe("offline");
  }, 40_000);

  it("a cold transcode takes the spare ffmpeg waiting for its profile; closing the registry ends every ffmpeg", async () => {
    const { registry: r, transcoders } = rig(4, true);
    await waitFor(() => ourFfmpegs().length === 2, 10_000, "a spare per profile (sub, main)");
    const spares = ourFfmpegs().map((l) => Number.parseInt(l, 10));
    expect((await r.playlist(camera.id, "sub-h264", {})).ok).toBe(true);
    expect(spares).toContain(transcoders[0]?.pid);
    await r.close();
    registry = null;
    expect(ourFfmpegs()).toEqual([]);
  }, 30_000);

  it("closing the registry (the gateway stopping) leaves no ffmpeg behind", async () => {
    const { registry: r } = rig();
    expect((await r.playlist(camera.id, "sub-h264", {})).ok).toBe(true);
    expect(ourFfmpegs()).toHaveLength(1);
    await r.close();
    registry = null;
    expect(ourFfmpegs()).toEqual([]);
  }, 30_000);
});
