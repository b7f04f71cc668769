// The real decoder is the judge: ffprobe decodes init + fragments written by the packager.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Packager } from "../../src/hls/packager";
import type { AccessUnit, TrackSet } from "../../src/media/types";
import { aacFixture, FFPROBE, h264Fixture, h265Fixture, interleave } from "./media";

const dir = mkdtempSync(join(tmpdir(), "cw-fmp4-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pack(tracks: TrackSet, aus: AccessUnit[]): Packager {
  const p = new Packager({ ringSegments: 100 });
  p.config(tracks);
  for (const au of aus) p.unit(au);
  p.end("fixture done");
  return p;
}

interface Probe {
  frames: Record<string, number>;
  keyFrames: number;
  width: number;
  height: number;
  stderr: string;
}

function probe(name: string, bytes: Buffer): Probe {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync(FFPROBE, [
    "-v",
    "error",
    "-show_entries",
    "frame=media_type,key_frame,width,height",
    "-of",
    "json",
    "-show_frames",
    file,
  ]);
  if (r.error || r.status !== 0) throw new Error(`ffprobe failed: ${r.error?.message ?? r.stderr.toString()}`);
  const frames = (
    JSON.parse(r.stdout.toString()) as {
      frames: { media_type: string; key_frame: number; width?: number; height?: number }[];
    }
  ).frames;
  const count: Record<string, number> = {};
  for (const f of frames) count[f.media_type] = (count[f.media_type] ?? 0) + 1;
  const v = frames.find((f) => f.media_type === "video");
  return {
    frames: count,
    keyFrames: frames.filter((f) => f.media_type === "video" && f.key_frame === 1).length,
    width: v?.width ?? 0,
    height: v?.height ?? 0,
    stderr: r.stderr.toString(),
  };
}

function whole(p: Packager): { bySegments: Buffer; byParts: Buffer } {
  const v = p.view();
  const init = p.init()!;
  return {
    bySegments: Buffer.concat([init, ...v.segments.map((s) => s.bytes!)]),
    byParts: Buffer.concat([init, ...v.segments.flatMap((s) => s.parts.map((x) => x.bytes))]),
  };
}

describe("packager output decodes in ffprobe", () => {
  it("H.264 + AAC muxed: every frame decodes, segments are exactly their parts", () => {
    const { tracks, aus } = interleave(h264Fixture({ seconds: 3 }), aacFixture({ seconds: 3 }));
    const p = pack(tracks, aus);
    const { bySegments, byParts } = whole(p);
    expect(bySegments.equals(byParts)).toBe(true);
    const r = probe("muxed.mp4", bySegments);
    expect(r.stderr).toBe("");
    expect(r.frames.video).toBe(75);
    expect(r.frames.audio).toBe(aus.filter((a) => a.kind === "audio").length);
    expect(r.keyFrames).toBe(3);
    expect([r.width, r.height]).toEqual([320, 180]);
  });

  it("H.264 alone", () => {
    const fx = h264Fixture({ seconds: 2 });
    const r = probe("video.mp4", whole(pack({ video: fx.track, audio: null }, fx.aus)).bySegments);
    expect(r.frames).toEqual({ video: 50 });
    expect(r.stderr).toBe("");
  });

  it("AAC alone", () => {
    const fx = aacFixture({ seconds: 2 });
    const { tracks, aus } = interleave(null, fx);
    const r = probe("audio.mp4", whole(pack(tracks, aus)).bySegments);
    expect(r.frames).toEqual({ audio: fx.frames.length });
  });

  it("H.265 passes through as hvc1 and decodes", () => {
    const fx = h265Fixture({ seconds: 2 });
    expect(fx.track.codecString).toMatch(/^hvc1\.1\.6\.L\d+/);
    const r = probe("hevc.mp4", whole(pack({ video: fx.track, audio: null }, fx.aus)).bySegments);
    expect(r.frames).toEqual({ video: 50 });
    expect(r.stderr).toBe("");
    expect([r.width, r.height]).toEqual([320, 180]);
  });
});
