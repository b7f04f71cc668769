// `npm run bench -- hevc` (issue 15): what H.265 costs and how fast it starts. A 1080p x265 clip (25 fps,
// 1 s GOP) is looped in real time as a camera's stream inside the on-demand registry, with the real
// ffmpeg transcoders: the cost of one sub-size (480×270 12.5 fps) and one large-tile (960×540 25 fps)
// transcode in % of a core and MB of its ffmpeg; how long a tile waits, cold, for its transcoded
// playlist; and the passthrough's playlist and part timing. In-process (no browser): the browser side of
// the path is the same hls.js as H.264 and is measured by the latency/ttff sections.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AccessUnit,
  type CameraSpec,
  createStreamRegistry,
  createTranscodeHooks,
  type MediaSink,
  type Source,
  type StreamRegistry,
  type TrackSet,
  TsDemuxer,
} from "@cw/streams";
import { cpuShare, fmt, mb, percentile, privateBytes } from "./lib/proc";

const FFMPEG = "/usr/bin/ffmpeg";

/** A 1080p x265 clip as access units (through our own MPEG-TS demuxer). */
function hevcClip(dir: string, seconds: number): { tracks: TrackSet; aus: AccessUnit[]; ms: number } {
  const file = join(dir, "hevc1080.ts");
  execFileSync(FFMPEG, [
    ...[
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      `testsrc2=size=1920x1080:rate=25:duration=${seconds}`,
    ],
    ...["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=none:keyint=25:bframes=0", "-b:v", "3M"],
    ...["-f", "mpegts", file],
  ]);
  let tracks: TrackSet | null = null;
  const aus: AccessUnit[] = [];
  const d = new TsDemuxer({
    config: (t) => (tracks = t),
    unit: (u) => aus.push(u),
    discontinuity() {},
    end() {},
  });
  d.push(readFileSync(file));
  d.flush();
  if (!tracks) throw new Error("the HEVC clip did not demux");
  const t0 = aus[0]?.dts ?? 0;
  return { tracks, aus: aus.map((u) => ({ ...u, dts: u.dts - t0, pts: u.pts - t0 })), ms: seconds * 1000 };
}

/** Loops the clip in real time with continuous timestamps (a camera that never stops). */
function looping(clip: { tracks: TrackSet; aus: AccessUnit[]; ms: number }): Source {
  let timer: NodeJS.Timeout | null = null;
  return {
    start(sink: MediaSink) {
      sink.config(clip.tracks);
      const t0 = Date.now();
      let i = 0;
      const pump = (): void => {
        for (;;) {
          const loop = Math.floor(i / clip.aus.length);
          const u = clip.aus[i % clip.aus.length]!;
          const at = u.dts + loop * clip.ms;
          if (at > Date.now() - t0) break;
          sink.unit({ ...u, dts: at, pts: u.pts + loop * clip.ms });
          i++;
        }
        timer = setTimeout(pump, 10);
      };
      pump();
    },
    async stop() {
      if (timer) clearTimeout(timer);
    },
  };
}

const camera: CameraSpec = {
  id: "hevc-bench",
  name: "hevc-bench",
  label: "bench",
  source: { kind: "sim" },
  codec: "h265",
  hasSubStream: false,
};

function registry(clip: ReturnType<typeof hevcClip>, transcoders: Array<{ pid: number | undefined }>): StreamRegistry {
  const hooks = createTranscodeHooks({ ffmpegPath: FFMPEG, max: 100, hw: "none", mainSize: "960x540" });
  return createStreamRegistry({
    resolve: () => camera,
    sourceFactory: () => looping(clip),
    transcode: {
      ...hooks,
      source: (c, plan, up) => {
        const s = hooks.source(c, plan, up) as Source & { pid: number | undefined };
        transcoders.push(s);
        return s;
      },
    },
  });
}

export async function hevcBench(): Promise<string[]> {
  const out: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "cw-bench-hevc-"));
  const loadBefore = loadavg();
  try {
    const clip = hevcClip(dir, 8);
    out.push("## H.265: transcode cost, cold start, passthrough timing (issue 15)");
    out.push("");
    out.push(
      "A 1080p x265 clip (25 fps, 1 s GOP, 3 Mb/s) looped in real time as a camera inside the registry, transcoded by the real ffmpeg (libx264 veryfast zerolatency, Main, a key frame a second). In-process: hls.js is the same as for H.264 (latency/ttff sections).",
    );
    out.push("Targets: ≥ 8 sub-size transcodes per core; first transcoded frame p95 ≤ 1.5 s cold.");
    out.push("");
    out.push("| transcode | CPU of its ffmpeg (% of a core) | private MB | transcodes per core |");
    out.push("|---|---:|---:|---:|");
    for (const rendition of ["sub-h264", "main-h264"] as const) {
      const t: Array<{ pid: number | undefined }> = [];
      const r = registry(clip, t);
      try {
        const first = await r.playlist(camera.id, rendition, {});
        if (!first.ok) throw new Error(first.error.message);
        const pid = t[0]?.pid;
        if (pid === undefined) throw new Error("no transcoder");
        await new Promise((res) => setTimeout(res, 3000)); // past ffmpeg's start-up
        const keepAlive = setInterval(() => void r.playlist(camera.id, rendition, {}), 5000);
        const share = await cpuShare([pid], 15_000);
        clearInterval(keepAlive);
        const label =
          rendition === "sub-h264" ? "1080p H.265 → 480×270 H.264 12.5 fps" : "1080p H.265 → 960×540 H.264 25 fps";
        out.push(`| ${label} | ${fmt(share * 100, 1)} | ${fmt(mb(privateBytes(pid)), 1)} | ${fmt(1 / share, 1)} |`);
      } finally {
        await r.close();
      }
    }
    out.push("");
    // Cold start: the camera's H.265 stream is already running (another tile watches it); a tile that
    // cannot decode it asks for the sub transcode: time until its first playlist is answered (a complete
    // segment and PART-HOLD-BACK of transcoded media exist), i.e. what hls.js waits before its first part.
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t: Array<{ pid: number | undefined }> = [];
      const r = registry(clip, t);
      try {
        await r.playlist(camera.id, "main", {});
        const t0 = performance.now();
        const p = await r.playlist(camera.id, "sub-h264", {});
        if (p.ok) waits.push(performance.now() - t0);
      } finally {
        await r.close();
      }
    }
    out.push("| cold transcoded start (source already live) | runs | p50 (s) | p95 (s) |");
    out.push("|---|---:|---:|---:|");
    out.push(
      `| request → first transcoded playlist | ${waits.length} | ${fmt(percentile(waits, 50) / 1000)} | ${fmt(percentile(waits, 95) / 1000)} |`,
    );
    out.push("");
    // Passthrough: H.265 is packaged like H.264 — part timing and blocking-reload latency.
    const t: Array<{ pid: number | undefined }> = [];
    const r = registry(clip, t);
    try {
      const first = await r.playlist(camera.id, "main", {});
      const text = first.ok ? first.value : "";
      const partTarget = /PART-TARGET=([\d.]+)/.exec(text)?.[1] ?? "?";
      const reloads: number[] = [];
      let hint = /PRELOAD-HINT:TYPE=PART,URI="p(\d+)\.(\d+)\.m4s"/.exec(text);
      for (let i = 0; i < 40 && hint; i++) {
        const t0 = performance.now();
        const next = await r.playlist(camera.id, "main", { msn: Number(hint[1]), part: Number(hint[2]) });
        reloads.push(performance.now() - t0);
        hint = next.ok ? /PRELOAD-HINT:TYPE=PART,URI="p(\d+)\.(\d+)\.m4s"/.exec(next.value) : null;
      }
      const parts = [...text.matchAll(/DURATION=([\d.]+),URI="p/g)].map((m) => Number(m[1]) * 1000);
      out.push(
        "| passthrough H.265 (hvc1) | PART-TARGET (s) | blocking reloads | reload wait p50 (ms) | p95 (ms) | longest part (ms) |",
      );
      out.push("|---|---:|---:|---:|---:|---:|");
      out.push(
        `| 1080p25 | ${partTarget} | ${reloads.length} | ${fmt(percentile(reloads, 50), 0)} | ${fmt(percentile(reloads, 95), 0)} | ${fmt(Math.max(...parts), 0)} |`,
      );
    } finally {
      await r.close();
    }
    const loadAfter = loadavg();
    out.push("");
    out.push(
      `Load average (1 min) ${fmt(loadBefore[0] ?? 0, 1)} before and ${fmt(loadAfter[0] ?? 0, 1)} after this section, on a machine shared with four other agents' builds and tests: CPU shares are of a busy machine, so per-core capacity here is a floor.`,
    );
    out.push("");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
