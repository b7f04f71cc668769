// Test fixture for the uplink media tests: an edge camera (a simulated camera: an ffmpeg-rendered x264
// clip looped by the simulator) in the real stream registry, and what an upper platform's media server does
// with our packets (our GB receiver, the raw PS kept for ffprobe). Every start has its stop.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AccessUnit,
  type CameraSpec,
  ClipLibrary,
  createStreamRegistry,
  type MediaSink,
  RtpPsReceiver,
  SharedTicker,
  SimSource,
  type StreamRegistry,
  type TrackSet,
} from "@cw/streams";

export const camera: CameraSpec = {
  id: "edge-cam-1",
  name: "北门",
  label: "test prison / gate",
  source: { kind: "sim" },
  codec: "h264",
  hasSubStream: false,
};
export const SSRC = "0100000001";

class Frames implements MediaSink {
  units: AccessUnit[] = [];
  configs: TrackSet[] = [];
  config(t: TrackSet) {
    this.configs.push(t);
  }
  unit(au: AccessUnit) {
    this.units.push(au);
  }
  discontinuity() {}
  end() {}
}

/** What an upper platform's media server does with our packets: RTP → PS → frames, and the raw PS kept. */
export class Upper {
  readonly frames = new Frames();
  readonly ps: Buffer[] = [];
  readonly rx = new RtpPsReceiver(
    {
      config: (t) => this.frames.config(t),
      unit: (u) => this.frames.unit(u),
      discontinuity: () => {},
      end: () => {},
    },
    { ssrc: Number(SSRC), now: Date.now },
  );
  packet(p: Buffer): void {
    this.ps.push(Buffer.from(p.subarray(12))); // our packets carry no CSRC, extension or padding
    this.rx.packet(p);
  }
}

export async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function ffprobe(ps: Buffer): { codec: string; width: number; frames: number; keys: number } {
  const r = spawnSync(
    "/usr/bin/ffprobe",
    [
      ...["-v", "error", "-f", "mpeg", "-show_entries", "frame=key_frame,width:stream=codec_name"],
      ...["-of", "json", "-show_frames", "-"],
    ],
    { input: ps, maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.error || r.status !== 0) throw new Error(`ffprobe: ${r.error?.message ?? r.stderr.toString()}`);
  const j = JSON.parse(r.stdout.toString()) as {
    frames: { key_frame: number; width: number }[];
    streams: { codec_name: string }[];
  };
  return {
    codec: j.streams[0]?.codec_name ?? "",
    width: j.frames[0]?.width ?? 0,
    frames: j.frames.length,
    keys: j.frames.filter((f) => f.key_frame === 1).length,
  };
}

export interface EdgeCamera {
  registry: StreamRegistry;
  /** Sources the registry started so far. */
  sourcesStarted(): number;
  close(): Promise<void>;
}

/** The registry with the one simulated camera, its clip rendered and a viewer's first playlist served. */
export async function edgeCamera(): Promise<EdgeCamera> {
  const clipDir = mkdtempSync(join(tmpdir(), "cw-uplink-"));
  const library = new ClipLibrary({ ffmpegPath: "/usr/bin/ffmpeg", clipDir, font: null });
  // Render the clip before anything waits on it: on a loaded machine the render outlasts a playlist's wait.
  await library.ensure(camera, "main", true);
  const ticker = new SharedTicker();
  let started = 0;
  const registry = createStreamRegistry({
    resolve: (id) => (id === camera.id ? camera : null),
    sourceFactory: (c, v) => {
      started++;
      return new SimSource(c, v, library, ticker);
    },
    idleMs: 1500,
    tickMs: 100,
  });
  const warm = await registry.playlist(camera.id, "main", {});
  if (!warm.ok) throw new Error(`the edge camera did not start: ${warm.error.message}`);
  return {
    registry,
    sourcesStarted: () => started,
    async close() {
      await registry.close();
      await library.close();
      rmSync(clipDir, { recursive: true, force: true });
    },
  };
}
