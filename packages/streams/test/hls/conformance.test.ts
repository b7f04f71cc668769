// Conformance with real encoder output: x264 at 1 fps, with dropped frames and with jittery timestamps,
// through the FLV demuxer and the packager on a simulated clock (frames arrive at their own time). Every
// playlist along the way is checked by hls-parser (strict) and the validator rules; ffprobe decodes the
// whole output. RFC 8216bis: every part ≤ PART-TARGET, and PART-TARGET never changes.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FlvDemuxer } from "../../src/flv/demuxer";
import { Packager } from "../../src/hls/packager";
import type { AccessUnit, TrackSet } from "../../src/media/types";
import { parsedMedia, validateMedia } from "./validate";

const dir = mkdtempSync(join(tmpdir(), "cw-conf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function encode(name: string, input: string, vf: string | null, gop: number): string {
  const file = join(dir, `${name}.flv`);
  execFileSync("/usr/bin/ffmpeg", [
    ...["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", input],
    ...(vf ? ["-vf", vf] : []),
    ...["-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", String(gop)],
    ...["-an", "-f", "flv", file],
  ]);
  return file;
}

function demux(file: string): { tracks: TrackSet; aus: AccessUnit[] } {
  let tracks: TrackSet | null = null;
  const aus: AccessUnit[] = [];
  new FlvDemuxer({ tracks: (t) => (tracks = t), unit: (au) => aus.push(au) }).push(readFileSync(file));
  if (!tracks) throw new Error(`${file} did not demux`);
  return { tracks, aus };
}

interface Run {
  packager: Packager;
  playlists: string[];
  input: AccessUnit[];
}

/** Feeds units at their own time (a simulated clock) and keeps every playlist the packager had. */
function pack(file: string, retime: (au: AccessUnit, i: number) => number = (au) => au.dts): Run {
  const { tracks, aus: raw } = demux(file);
  const aus = raw.map((au, i) => {
    const dts = retime(au, i);
    return { ...au, dts, pts: au.pts - au.dts + dts };
  });
  let now = 1_700_000_000_000;
  const packager = new Packager({ partTargetMs: 200, ringSegments: 1000, holdBackParts: 2.5, now: () => now });
  packager.config(tracks);
  const playlists: string[] = [];
  for (const au of aus) {
    now = 1_700_000_000_000 + au.dts;
    packager.unit(au);
    const text = packager.playlist();
    if (text && text !== playlists.at(-1)) playlists.push(text);
  }
  packager.end("file over");
  const last = packager.playlist();
  if (last) playlists.push(last);
  return { packager, playlists, input: aus };
}

function decodedFrames(p: Packager, name: string): number {
  const v = p.view();
  const file = join(dir, `${name}.mp4`);
  writeFileSync(file, Buffer.concat([p.init()!, ...v.segments.map((s) => s.bytes!)]));
  const r = spawnSync(
    "/usr/bin/ffprobe",
    ["-v", "error", "-count_frames", "-select_streams", "v:0"].concat([
      "-show_entries",
      "stream=nb_read_frames",
      "-of",
      "csv=p=0",
      file,
    ]),
  );
  if (r.status !== 0) throw new Error(`ffprobe: ${r.stderr.toString()}`);
  expect(r.stderr.toString()).toBe("");
  return Number(r.stdout.toString().trim());
}

function expectConformant(run: Run): void {
  expect(run.playlists.length).toBeGreaterThan(3);
  const targets = new Set<number>();
  for (const text of run.playlists) {
    expect(validateMedia(text)).toEqual([]);
    targets.add(parsedMedia(text).partTargetDuration ?? 0);
  }
  expect([...targets]).toEqual([run.packager.partTargetMs / 1000]);
  for (const s of run.packager.view().segments)
    for (const part of s.parts) expect(part.durationMs).toBeLessThanOrEqual(run.packager.partTargetMs);
}

describe("parts never exceed PART-TARGET (x264 output)", () => {
  it("a 1 fps camera gets its own PART-TARGET (1.1 s) and PART-HOLD-BACK (2.75 s)", () => {
    const run = pack(encode("1fps", "testsrc2=size=320x180:rate=1:duration=14", null, 2));
    expectConformant(run);
    expect(run.packager.partTargetMs).toBe(1100);
    const last = run.playlists.at(-1)!;
    expect(last).toContain("PART-HOLD-BACK=2.750");
    expect(last).toContain("PART-TARGET=1.100");
    expect(run.packager.stats().compressedMs).toBe(0);
    expect(decodedFrames(run.packager, "1fps")).toBe(run.input.length);
  });

  it("dropped frames (15 of every 50 missing): parts stay ≤ 0.22 s, every kept frame decodes", () => {
    const vf = "select='not(between(mod(n\\,50)\\,20\\,34))'";
    const run = pack(encode("drops", "testsrc2=size=320x180:rate=25:duration=8", vf, 25));
    expectConformant(run);
    expect(run.packager.partTargetMs).toBe(220);
    // Each 640 ms wait is cut where its part reaches the target; the rest of the hole is skipped.
    const holes = Math.floor(run.input.length / 35);
    expect(run.packager.stats().compressedMs).toBeGreaterThan(400 * holes);
    expect(run.packager.stats().compressedMs).toBeLessThan(640 * holes);
    expect(decodedFrames(run.packager, "drops")).toBe(run.input.length);
  });

  it("jittery timestamps (±5 ms): parts stay within PART-TARGET and its 85 % with no time skipped", () => {
    // x264 stamps frames on a 1/25 s grid; a camera stamps them when captured: ±5 ms, seeded.
    let seed = 7;
    const jitter = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.round((seed / 2 ** 31) * 10 - 5);
    };
    const run = pack(encode("jitter", "testsrc2=size=320x180:rate=25:duration=8", null, 25), (au, i) =>
      i === 0 ? au.dts : au.dts + jitter(),
    );
    const gaps = run.input.slice(1).map((u, i) => u.dts - run.input[i]!.dts);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeGreaterThan(5); // the input really jitters
    expectConformant(run);
    expect(run.packager.stats().compressedMs).toBe(0);
    expect(decodedFrames(run.packager, "jitter")).toBe(run.input.length);
  });
});
