// The MPEG-TS demuxer on ffmpeg's own MPEG-TS (x264/x265 + AAC, as the RTSP relay writes it): tracks and
// frames match ffprobe's count, any chunking gives the same units, garbage never throws, and the
// packager's output of an H.265 stream decodes in ffprobe.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { Packager } from "../../src/hls/packager";
import { TsDemuxer } from "../../src/ts/demuxer";
import { probeStreams } from "../fmp4/media";
import { RecordingSink } from "../sources/helpers/recording-sink";

const dir = mkdtempSync(join(tmpdir(), "cw-ts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function encodeTs(name: string, codec: "libx264" | "libx265", audio: boolean): Buffer {
  const file = join(dir, `${name}.ts`);
  execFileSync("/usr/bin/ffmpeg", [
    ...["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=3"],
    ...(audio ? ["-f", "lavfi", "-i", "sine=duration=3"] : []),
    ...["-c:v", codec, ...(codec === "libx265" ? ["-x265-params", "log-level=none:keyint=25"] : ["-g", "25"])],
    ...(audio ? ["-c:a", "aac"] : ["-an"]),
    ...["-f", "mpegts", file],
  ]);
  return readFileSync(file);
}

const h264 = encodeTs("h264-aac", "libx264", true);
const h265 = encodeTs("h265-aac", "libx265", true);

function demux(bytes: Buffer, chunks: number[] = [bytes.length]): RecordingSink {
  const sink = new RecordingSink();
  const d = new TsDemuxer(sink);
  let p = 0;
  for (let i = 0; p < bytes.length; i++) {
    const n = Math.max(1, chunks[i % chunks.length]!);
    d.push(bytes.subarray(p, p + n));
    p += n;
  }
  d.flush();
  return sink;
}

describe("TsDemuxer", () => {
  it.each([
    ["H.264 + AAC", h264, /^avc1\./],
    ["H.265 + AAC", h265, /^hvc1\.1\.6\.L\d+/],
  ])("%s: one config for both tracks, every video frame, AAC frames", (_n, bytes, codec) => {
    const sink = demux(bytes);
    expect(sink.count("config")).toBe(1);
    const cfg = sink.events.find((e) => e.type === "config");
    if (cfg?.type !== "config") throw new Error("no config");
    expect(cfg.tracks.video?.codecString).toMatch(codec);
    expect([cfg.tracks.video?.width, cfg.tracks.video?.height]).toEqual([320, 180]);
    expect(cfg.tracks.audio?.codecString).toBe("mp4a.40.2");
    const video = sink.units("video");
    expect(video.length).toBe(75);
    expect(video[0]?.key).toBe(true);
    expect(video.filter((u) => u.key).length).toBe(3);
    expect(video[1]!.dts - video[0]!.dts).toBe(40);
    expect(sink.units("audio").length).toBeGreaterThan(120);
  });

  it("any chunking gives the same units", () => {
    const whole = demux(h265)
      .units()
      .map((u) => `${u.kind}${u.dts}:${u.data.length}`);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 20 }), (chunks) => {
        expect(
          demux(h265, chunks)
            .units()
            .map((u) => `${u.kind}${u.dts}:${u.data.length}`),
        ).toEqual(whole);
      }),
      { numRuns: 25 },
    );
  });

  it("garbage never throws", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (junk) => {
        const d = new TsDemuxer(new RecordingSink());
        d.push(Buffer.concat([h264.subarray(0, 188 * 20), Buffer.from(junk), h264.subarray(188 * 20, 188 * 60)]));
        d.flush();
      }),
      { numRuns: 100 },
    );
  });

  it("H.265 through the packager decodes in ffprobe", () => {
    const p = new Packager({ ringSegments: 50 });
    const d = new TsDemuxer(p);
    d.push(h265);
    d.flush();
    p.end("file over");
    const bytes = Buffer.concat([p.init()!, ...p.view().segments.map((s) => s.bytes!)]);
    const rows = probeStreams(join(dir, "out.mp4"), bytes, "codec_name,nb_read_frames").map((r) => r.join());
    expect(rows).toContain("hevc,75");
    expect(rows.some((r) => /^aac,1\d\d$/.test(r))).toBe(true);
  });
});
