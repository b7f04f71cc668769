// Real input end to end: ffmpeg encodes H.264 / H.265; the GB simulator's device muxer (PSM on key frames
// only, PES split across RTP packets, several PES per frame) or ffmpeg's own PS muxers (`-f mpeg`, `-f vob`:
// no PSM, PES not aligned to frames) make MPEG-PS; RTP carries it, clean or with 1 % loss and reordering;
// the receiver demuxes it into the packager, and ffprobe decodes what the packager wrote.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { encodeFrames, type SimCodec, type SimFrame } from "../../../../e2e/support/gb-sim/media/encode";
import { muxAudio, muxFrame, type PsMuxOptions } from "../../../../e2e/support/gb-sim/media/psMux";
import { impair, newSender, packetize, seeded } from "../../../../e2e/support/gb-sim/media/rtp";
import { FFMPEG } from "../fmp4/media";
import { avcc, probePackager, receive } from "./pipeline";

const SSRC = 1_000_000_007;

function devicePackets(frames: SimFrame[], mux: PsMuxOptions, withAudio = false): Buffer[] {
  const s = newSender(SSRC, 65_000); // sequence numbers wrap during the run
  return frames.flatMap((f) => [
    ...packetize(s, muxFrame(f, mux), f.pts90),
    ...(withAudio ? packetize(s, muxAudio(f.pts90, 320), f.pts90) : []),
  ]);
}

const cache = new Map<string, SimFrame[]>();
function frames(codec: SimCodec, seconds: number): SimFrame[] {
  const key = `${codec}/${seconds}`;
  if (!cache.has(key)) cache.set(key, encodeFrames({ codec, seconds, size: "320x180", gop: 25 }));
  return cache.get(key)!;
}

describe.each<SimCodec>(["h264", "h265"])("%s from a GB device muxer", (codec) => {
  it.each<[string, PsMuxOptions, boolean]>([
    ["one PES per frame, split over RTP packets", { codec }, false],
    ["small PES (several per frame), G.711 audio interleaved", { codec, maxPes: 1000 }, true],
    ["one PES per NAL unit, PTS on every PES", { codec, pesPerNal: true, ptsOnEveryPes: true }, false],
  ])("%s: every frame arrives bit-exact and decodes", (_name, mux, audio) => {
    const src = frames(codec, 2);
    const { rec, packager, rx } = receive(devicePackets(src, mux, audio));
    // Markers are trusted after a few frames, so every frame but possibly the last is out.
    expect(rec.units.length).toBeGreaterThanOrEqual(src.length - 1);
    rec.units.forEach((u, i) => {
      expect(u.data.equals(avcc(src[i]!.nals, codec))).toBe(true);
      expect(u.key).toBe(src[i]!.key);
      expect(u.dts).toBe(Math.round(src[i]!.pts90 / 90));
    });
    expect(rec.configs).toHaveLength(1);
    expect(rec.configs[0]!.video?.codec).toBe(codec);
    expect(rx.stats().ps.errors).toBe(0);
    // The PSM declares G.711 A-law (with or without its PES): dropped, said once, never an error.
    expect(rec.notes).toEqual([{ audio: { codec: "pcm_alaw", handling: "dropped" } }]);
    expect(rec.units.every((u) => u.kind === "video")).toBe(true);
    const p = probePackager(packager);
    expect(p).toMatchObject({ frames: rec.units.length, keyFrames: 2, width: 320, height: 180, stderr: "" });
  });

  it("a device that sets the marker on every packet: markers are not trusted, frames stay whole", () => {
    const src = frames(codec, 2);
    const packets = devicePackets(src, { codec, maxPes: 2000 }).map((p) => {
      const q = Buffer.from(p);
      q[1] = q[1]! | 0x80;
      return q;
    });
    const { rec, packager } = receive(packets);
    expect(rec.units).toHaveLength(src.length - 1); // the last frame waits for a next one
    rec.units.forEach((u, i) => {
      expect(u.data.equals(avcc(src[i]!.nals, codec))).toBe(true);
    });
    expect(probePackager(packager)).toMatchObject({ frames: src.length - 1, stderr: "" });
  });

  it("1 % loss with reordering: the stream keeps going, only damaged frames are dropped", () => {
    const src = frames(codec, 8);
    const packets = devicePackets(src, { codec, maxPes: 4000 });
    const { out, dropped } = impair(packets, { loss: 0.01, reorder: 0.03, maxDelay: 5 }, seeded(14));
    expect(dropped).toBeGreaterThan(0);
    const { rec, packager, rx } = receive(out);
    const s = rx.stats();
    // Loss after the last packet that arrived cannot be seen; every other missing packet is counted.
    const arrived = new Set(out);
    const lastIndex = Math.max(...out.map((p) => packets.indexOf(p)));
    expect(s.rtp.lost).toBe(packets.slice(0, lastIndex).filter((p) => !arrived.has(p)).length);
    expect(s.rtp.reordered).toBeGreaterThan(0);
    expect(rec.units.length).toBeGreaterThan(src.length * 0.8);
    expect(rec.units.length).toBeLessThan(src.length);
    // Timestamps keep rising: no frame is glued to another.
    for (let i = 1; i < rec.units.length; i++) expect(rec.units[i]!.dts).toBeGreaterThan(rec.units[i - 1]!.dts);
    const p = probePackager(packager);
    expect(p.frames).toBeGreaterThan(src.length * 0.8);
    expect([p.width, p.height]).toEqual([320, 180]);
  });
});

/** ffmpeg's own PS muxer output for a fresh encode, and the frame count. */
function ffmpegPs(codec: SimCodec, format: "mpeg" | "vob"): Buffer {
  const enc =
    codec === "h264"
      ? ["-c:v", "libx264", "-bf", "0"]
      : ["-c:v", "libx265", "-x265-params", "log-level=none:bframes=0"];
  const r = spawnSync(FFMPEG, [
    ...["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", "2"],
    ...[...enc, "-g", "25", "-pix_fmt", "yuv420p", "-f", format, "-"],
  ]);
  if (r.error || r.status !== 0) throw new Error(`ffmpeg failed: ${r.error?.message ?? r.stderr.toString()}`);
  return r.stdout;
}

describe("PS written by ffmpeg's muxers (no PSM, PES not aligned to frames)", () => {
  it.each<[SimCodec, "mpeg" | "vob"]>([
    ["h264", "mpeg"],
    ["h265", "vob"],
    ["h264", "vob"],
  ])("%s in -f %s decodes frame for frame", (codec, format) => {
    const ps = ffmpegPs(codec, format);
    const s = newSender(SSRC);
    // No frame boundaries known to the packetiser: fixed-size packets, no marker, as a dumb relay would.
    const packets: Buffer[] = [];
    for (let off = 0; off < ps.length; off += 1400)
      packets.push(...packetize(s, ps.subarray(off, off + 1400), off, false));
    const { rec, packager } = receive(packets);
    expect(rec.configs[0]?.video?.codec).toBe(codec);
    // The last frame stays open (nothing after it says it ended); every other one is out.
    expect(rec.units.length).toBe(49);
    const p = probePackager(packager);
    expect(p).toMatchObject({ frames: 49, keyFrames: 2, width: 320, height: 180, stderr: "" });
    expect(p.codec).toBe(codec === "h264" ? "h264" : "hevc");
  });
});
