// `npm run bench -- hevc` (issue 15): what H.265 costs and how fast it starts. x265 clips (25 fps, 1 s GOP)
// are looped in real time as a camera's streams inside the on-demand registry, with the real ffmpeg
// transcoders (bench/lib/hevcRig.ts): the cost of a sub-size (480×270 12.5 fps) transcode from a 1080p
// main stream and from a D1 sub stream, and of a large-tile (960×540 25 fps) one, in % of a core and MB
// of its ffmpeg; how long a cold transcode takes to its first playlist and, in Chromium with the wall's
// hls.js settings, to its first frame; glass-to-glass through a transcode; the passthrough's part timing.
// Every figure has the machine's load average next to it: the machine is shared.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { hevcBrowser } from "./hevc-browser";
import { ffmpegStart } from "./lib/ffmpegStart";
import { benchRegistry, COLD_RUNS, camera, gopPhaseMs, hevcClip, load, looping, msRow } from "./lib/hevcRig";
import { cpuShare, fmt, mb, percentile, privateBytes } from "./lib/proc";

export async function hevcBench(browser: Browser): Promise<string[]> {
  const out: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "cw-bench-hevc-"));
  try {
    const full = hevcClip(dir, 8, "1920x1080", "3M");
    const d1 = hevcClip(dir, 8, "704x576", "768k");
    out.push("## H.265: transcode cost, cold start, passthrough timing (issue 15)");
    out.push("");
    out.push(
      "x265 clips (25 fps, 1 s GOP) looped in real time as a camera inside the registry, transcoded by the real ffmpeg (libx264 veryfast zerolatency, Main, a key frame a second; a small tile's decoder on one thread without in-loop filters, 12.5 fps before the scaler). The load average (1 min, 2 cores) is given next to each figure.",
    );
    out.push(
      "Targets: ≥ 8 sub-size transcodes per core; first transcoded frame p95 ≤ 1.5 s cold; glass-to-glass p50 ≤ 1.0 s.",
    );
    out.push("");
    out.push("| transcode | CPU of its ffmpeg (% of a core) | private MB | transcodes per core | load avg |");
    out.push("|---|---:|---:|---:|---:|");
    const cases = [
      ["1080p H.265 main stream → 480×270 H.264 12.5 fps", "sub-h264", { main: () => looping(full) }],
      [
        "D1 (704×576) H.265 sub stream → 480×270 H.264 12.5 fps",
        "sub-h264",
        { main: () => looping(full), sub: () => looping(d1) },
      ],
      ["1080p H.265 → 960×540 H.264 25 fps", "main-h264", { main: () => looping(full) }],
    ] as const;
    for (const [label, rendition, streams] of cases) {
      const t: Array<{ pid: number | undefined }> = [];
      const r = benchRegistry(streams, t);
      try {
        const first = await r.playlist(camera.id, rendition, {});
        if (!first.ok) throw new Error(first.error.message);
        const pid = t[0]?.pid;
        if (pid === undefined) throw new Error("no transcoder");
        await new Promise((res) => setTimeout(res, 3000)); // past ffmpeg's start-up
        const keepAlive = setInterval(() => void r.playlist(camera.id, rendition, {}), 5000);
        const share = await cpuShare([pid], 15_000);
        clearInterval(keepAlive);
        out.push(
          `| ${label} | ${fmt(share * 100, 1)} | ${fmt(mb(privateBytes(pid)), 1)} | ${fmt(1 / share, 1)} | ${load()} |`,
        );
      } finally {
        await r.close();
      }
    }
    out.push("");
    // Cold start: the camera's H.265 stream is already running (another tile watches it); a tile that
    // cannot decode it asks for the sub transcode: time until its first playlist is answered (a closed
    // first segment of transcoded media), i.e. what hls.js waits before its first fetch.
    // What the spare saves, on ffmpeg alone (the whole pipeline's spread on a loaded machine can hide it).
    const starts = await ffmpegStart(join(dir, "hevc-1920x1080.ts"), 8);
    const startLoad = load();
    out.push(
      "| ffmpeg alone, sub command: transcode wanted → its first output | runs | p50 (s) | p95 (s) | load avg |",
    );
    out.push("|---|---:|---:|---:|---:|");
    out.push(msRow("a fresh ffmpeg started then (TRANSCODE_SPARE=0)", starts.fresh, startLoad));
    out.push(msRow("a spare started 1.5 s before, waiting on its stdin", starts.spare, startLoad));
    out.push("");
    // Each run twice, with the spare ffmpeg the gateway keeps per profile (TRANSCODE_SPARE, default) and
    // without (ffmpeg started by the request), interleaved so both see the same machine.
    const waits = { spare: [] as number[], none: [] as number[] };
    const loads: string[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      for (const spare of [true, false]) {
        const r = benchRegistry({ main: () => looping(full) }, [], "960x540", spare);
        try {
          await r.playlist(camera.id, "main", {});
          await new Promise((res) => setTimeout(res, gopPhaseMs(i)));
          const t0 = performance.now();
          const p = await r.playlist(camera.id, "sub-h264", {});
          if (p.ok) waits[spare ? "spare" : "none"].push(performance.now() - t0);
        } finally {
          await r.close();
        }
      }
      if (i % 4 === 0) loads.push(load());
    }
    out.push("| cold transcoded start (source already live), 1080p → sub | runs | p50 (s) | p95 (s) | load avg |");
    out.push("|---|---:|---:|---:|---:|");
    const first = "request → first transcoded playlist (in-process),";
    out.push(msRow(`${first} with the spare ffmpeg (default)`, waits.spare, loads.join(", ")));
    out.push(msRow(`${first} without a spare (TRANSCODE_SPARE=0)`, waits.none, loads.join(", ")));
    out.push(...(await hevcBrowser(browser, full)));
    out.push("");
    // Passthrough: H.265 is packaged like H.264 — part timing and blocking-reload latency.
    const r = benchRegistry({ main: () => looping(full) });
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
        "| passthrough H.265 (hvc1) | PART-TARGET (s) | blocking reloads | reload wait p50 (ms) | p95 (ms) | longest part (ms) | load avg |",
      );
      out.push("|---|---:|---:|---:|---:|---:|---:|");
      out.push(
        `| 1080p25 | ${partTarget} | ${reloads.length} | ${fmt(percentile(reloads, 50), 0)} | ${fmt(percentile(reloads, 95), 0)} | ${fmt(Math.max(...parts), 0)} | ${load()} |`,
      );
    } finally {
      await r.close();
    }
    out.push("");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
