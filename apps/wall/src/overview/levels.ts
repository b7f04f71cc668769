// Map colours of a prison's state — its worst current state, or its edge link down — one place for the
// map, the list, the legend and the tests. Pure data.
import type { PrisonLevel, PrisonStatus } from "@cw/protocol";

export type Rgb = [number, number, number];

/** What a marker shows: a dead link to the prison's edge (链路中断) hides its level, which is stale then. */
export type MapState = PrisonLevel | "link_down";

export const stateOf = (s: Pick<PrisonStatus, "level" | "link">): MapState =>
  s.link === "down" ? "link_down" : s.level;

export const levelColor: Record<MapState, Rgb> = {
  ok: [63, 185, 80],
  sev4: [88, 166, 255],
  sev3: [227, 179, 65],
  red_obligation: [219, 109, 40],
  video_loss: [163, 113, 247],
  sev2: [248, 81, 73],
  sev1: [255, 30, 60],
  // A dark slate: nothing is known from there, unlike every "live" colour above.
  link_down: [96, 108, 124],
};

export const levelCss = (level: MapState): string => `rgb(${levelColor[level].join(",")})`;

/** Legend order: the dead link first, then worst first. */
export const legendLevels: readonly MapState[] = [
  "link_down",
  "sev1",
  "sev2",
  "video_loss",
  "red_obligation",
  "sev3",
  "sev4",
  "ok",
];
