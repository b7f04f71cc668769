// Map colours of a prison's worst state, one place for the map, the list, the legend and the tests.
// Pure data.
import type { PrisonLevel } from "@cw/protocol";

export type Rgb = [number, number, number];

export const levelColor: Record<PrisonLevel, Rgb> = {
  ok: [63, 185, 80],
  sev4: [88, 166, 255],
  sev3: [227, 179, 65],
  red_obligation: [219, 109, 40],
  video_loss: [163, 113, 247],
  sev2: [248, 81, 73],
  sev1: [255, 30, 60],
};

export const levelCss = (level: PrisonLevel): string => `rgb(${levelColor[level].join(",")})`;

/** Legend order: worst first. */
export const legendLevels: readonly PrisonLevel[] = [
  "sev1",
  "sev2",
  "video_loss",
  "red_obligation",
  "sev3",
  "sev4",
  "ok",
];
