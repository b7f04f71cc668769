// Finds the ffmpeg to run: the system one (Debian's, with libx264 and drawtext) when present, else
// the static binary shipped by @ffmpeg-installer/ffmpeg. Owns only the lookup; never downloads.
import { accessSync, chmodSync, constants, existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";

const require = createRequire(import.meta.url);

const defaultDirs = (): string[] => ["/usr/bin", "/usr/local/bin", ...(process.env["PATH"] ?? "").split(delimiter)];

function onPath(name: string, dirs: string[]): string | null {
  for (const dir of dirs) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here; keep looking
    }
  }
  return null;
}

/** searchDirs: where to look for a system ffmpeg (tests pass [] to force the bundled binary). */
export function findFfmpeg(searchDirs: string[] = defaultDirs()): {
  ffmpeg: string;
  ffprobe: string | null;
  system: boolean;
} {
  const system = onPath("ffmpeg", searchDirs);
  if (system) return { ffmpeg: system, ffprobe: onPath("ffprobe", searchDirs), system: true };
  const installed = (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
  try {
    accessSync(installed, constants.X_OK);
  } catch {
    // npm may have skipped the package's chmod postinstall (e.g. --ignore-scripts).
    chmodSync(installed, 0o755);
  }
  const probe = join(dirname(installed), "ffprobe");
  return { ffmpeg: installed, ffprobe: existsSync(probe) ? probe : onPath("ffprobe", searchDirs), system: false };
}
