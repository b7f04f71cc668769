// Exports a recorded span as one progressive MP4 (moov first: plays in any player, no fragments) and its
// signed manifest. The span's pieces (see pieces.ts) are joined by ffmpeg's concat demuxer with stream
// copy — no re-encoding, so the export is the recorded pictures bit for bit — then hashed and signed. On
// request a visible watermark (watermark.ts) is burnt in instead, which re-encodes.
// Files are written under a temporary name and renamed, so a half-made export is never served. Owns its
// temporary files and the ffmpeg child (awaited, never left running); never changes the recordings.
import { execFile } from "node:child_process";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ApiError, ExportManifest, Result } from "@cw/protocol";
import type { RecordingStore } from "../store/store";
import { sha256File, signManifest } from "./manifest";
import { piecesOf, writePiece } from "./pieces";
import type { SigningKey } from "./signingKey";
import { findWatermarkFont, watermarkFilter, watermarkLine } from "./watermark";

export interface ExportRequest {
  cameraId: string;
  /** The store's stream key of the footage; default the camera id (a fetched device clip has its own). */
  key?: string;
  from: number;
  to: number;
  exportedBy: string;
  /** File name stem, e.g. the evidence id and export number. */
  name: string;
  /** Burn in who exported it and when, and each picture's time (re-encodes; watermark.ts). */
  watermark?: { tzOffsetMin: number } | undefined;
}

export interface ExportOptions {
  store: RecordingStore;
  outDir: string;
  ffmpeg: string;
  key: SigningKey;
  now: () => number;
  /** The watermark's font; found among the system's fonts when not given. */
  fontFile?: string | null;
}

export interface ExportedClip {
  mp4Path: string;
  manifestPath: string;
  manifest: ExportManifest;
}

export async function exportClip(req: ExportRequest, o: ExportOptions): Promise<Result<ExportedClip>> {
  const key = req.key ?? req.cameraId;
  const pieces = await piecesOf(o.store, key, req.from, req.to);
  if (pieces.length === 0) return fail("not_found", "nothing is recorded in that span", "from");
  await mkdir(o.outDir, { recursive: true });
  const tmp = join(o.outDir, `.tmp-${req.name}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  try {
    const list: string[] = [];
    for (const [i, p] of pieces.entries()) {
      const file = join(tmp, `p${i}.mp4`);
      await writePiece(o.store, key, p, file);
      // A piece's own timestamps start where its stream was (not at 0) and ffmpeg takes a fragmented
      // file's end for its length; the stated duration makes each piece follow the previous one exactly.
      list.push(`file '${file}'`, `duration ${((p.to - p.from) / 1000).toFixed(3)}`);
    }
    await writeFile(join(tmp, "list.txt"), `${list.join("\n")}\n`);
    const out = join(tmp, "out.mp4");
    const exportedAt = o.now();
    let codec = ["-map", "0", "-c", "copy"];
    if (req.watermark) {
      const font = o.fontFile === undefined ? findWatermarkFont() : o.fontFile;
      if (font === null)
        return fail(
          "unavailable",
          "no font for the watermark: install fonts-noto-cjk or fonts-dejavu-core",
          "watermark",
        );
      const w = {
        exportedBy: req.exportedBy,
        exportedAt,
        startsAt: pieces[0]!.from,
        tzOffsetMin: req.watermark.tzOffsetMin,
      };
      const lineFile = join(tmp, "watermark.txt");
      await writeFile(lineFile, watermarkLine(w));
      codec = [
        ...["-map", "0:v:0", "-map", "0:a?", "-vf", watermarkFilter(w, font, lineFile)],
        ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-c:a", "copy"],
      ];
    }
    await run(o.ffmpeg, [
      ...["-hide_banner", "-loglevel", "error", "-nostdin", "-y"],
      ...["-f", "concat", "-safe", "0", "-i", join(tmp, "list.txt")],
      ...codec,
      ...["-movflags", "+faststart"],
      ...["-metadata", `creation_time=${new Date(pieces[0]!.from).toISOString()}`],
      ...["-metadata", `comment=Command Wall export of ${req.cameraId}`],
      ...["-f", "mp4", out],
    ]);
    const { sha256, bytes } = await sha256File(out);
    const manifest = signManifest(
      {
        cameraId: req.cameraId,
        from: req.from,
        to: req.to,
        sha256,
        bytes,
        exportedBy: req.exportedBy,
        exportedAt,
      },
      o.key.privateKey,
    );
    const mp4Path = join(o.outDir, `${req.name}.mp4`);
    const manifestPath = join(o.outDir, `${req.name}.json`);
    await rename(out, mp4Path);
    await writeFile(join(tmp, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(join(tmp, "manifest.json"), manifestPath);
    return { ok: true, value: { mp4Path, manifestPath, manifest } };
  } catch (err) {
    return fail("unavailable", `the export failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${String(stderr).trim().slice(-500) || err.message}`));
      else resolve();
    });
  });
}

function fail(code: ApiError["code"], message: string, field?: string): Result<never> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}
