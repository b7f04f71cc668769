// The visible watermark an export may carry (issue 16: "optional visible watermark (user, time)"): who
// exported it and when, in the top-left corner, and each picture's own recorded time (bureau time) in
// the bottom-left, burnt in by re-encoding (H.264, the same size and rate). Pure: builds ffmpeg's video
// filter and finds a font; the exporter runs it. A watermarked export is a copy for showing, not the
// recorded pictures bit for bit — the manifest still signs exactly the file handed out.
import { existsSync } from "node:fs";
import { bureauDateTime, offsetText } from "@cw/protocol";

/** Fonts tried in order: CJK first (names may be Chinese), then Latin-only. */
export const watermarkFonts = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
];

export function findWatermarkFont(candidates: readonly string[] = watermarkFonts, exists = existsSync): string | null {
  return candidates.find((f) => exists(f)) ?? null;
}

export interface WatermarkText {
  exportedBy: string;
  exportedAt: number;
  /** The first picture's wall time (ms): the running clock starts from it. */
  startsAt: number;
  tzOffsetMin: number;
}

/** A wall time as the bureau reads it: "2026-12-02 14:30:00 +08:00". */
export function bureauStamp(ms: number, tzOffsetMin: number): string {
  return `${bureauDateTime(ms, tzOffsetMin)} ${offsetText(tzOffsetMin)}`;
}

/** The exporter's line: who exported and when (bureau time). Read from a file, never parsed by ffmpeg. */
export function watermarkLine(w: WatermarkText): string {
  return `Command Wall export · ${w.exportedBy} · ${bureauStamp(w.exportedAt, w.tzOffsetMin)}`;
}

/**
 * The -vf value: the exporter's line from `lineFile` (expansion off: a name is never taken for a filter
 * option or an expansion) and each picture's recorded time, which only this code writes.
 */
export function watermarkFilter(w: WatermarkText, fontFile: string, lineFile: string): string {
  // pts:gmtime:<epoch s> prints the picture's time; shifting the epoch by the offset prints bureau time.
  const epoch = Math.floor(w.startsAt / 1000) + w.tzOffsetMin * 60;
  const clock = `'%{pts\\:gmtime\\:${epoch}\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}'`;
  const quoted = (path: string) => `'${path.replace(/[^A-Za-z0-9_./-]/g, "")}'`;
  const style = `fontfile=${quoted(fontFile)}:fontsize=h/30:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=6`;
  return [
    `drawtext=${style}:expansion=none:textfile=${quoted(lineFile)}:x=16:y=16`,
    `drawtext=${style}:text=${clock}:x=16:y=h-th-16`,
  ].join(",");
}
