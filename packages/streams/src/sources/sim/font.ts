// Which font the simulator can burn camera names in with: a CJK font for the Chinese labels, else
// DejaVu for the ASCII id only, else none (the per-camera hue still tells cameras apart).
// Looked up once per process; fontconfig first, then known Debian paths.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export interface SimFont {
  file: string;
  /** Can render Chinese: labels and names are drawn, not only the id. */
  cjk: boolean;
}

const CJK_PATHS = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
];
const LATIN_PATHS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf"];
const CJK_NAME = /cjk|wqy|han ?sans|droidsansfallback/i;

let cached: SimFont | null | undefined;

function fcMatch(pattern: string): string | null {
  try {
    const file = execFileSync("fc-match", ["-f", "%{file}", pattern], { timeout: 3000, encoding: "utf8" }).trim();
    return file && existsSync(file) ? file : null;
  } catch {
    return null; // no fontconfig
  }
}

export function findSimFont(): SimFont | null {
  if (cached !== undefined) return cached;
  const fc = fcMatch("Noto Sans CJK SC");
  const cjk = fc && CJK_NAME.test(fc) ? fc : CJK_PATHS.find((p) => existsSync(p));
  const latin = cjk ? undefined : (LATIN_PATHS.find((p) => existsSync(p)) ?? fcMatch("DejaVu Sans"));
  cached = cjk ? { file: cjk, cjk: true } : latin ? { file: latin, cjk: false } : null;
  return cached;
}
