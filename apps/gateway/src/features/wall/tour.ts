// Tours (轮巡), server side: expands a tour into pages of the screen's layout, says which page shows at
// a given time, and moves a run on next/prev/pause/resume. Pure: the clock and the catalogue come in
// as arguments; no timers (scheduler.ts) and no log writes (service.ts) here.
import type { Tour, TourView } from "@cw/protocol";
import type { TourRun } from "./projection";

export interface TourCatalogue {
  hasCamera(id: string): boolean;
  /** Cameras of a bureau, prison, block or sub-block in catalogue (tree) order; null: no such unit. */
  unitCameras(unitId: string): readonly string[] | null;
}

/**
 * Each step becomes one or more pages of `tileCount` tiles: a `{cameraIds}` step in the order given,
 * a `{unitId}` step as the unit's cameras in catalogue order, the last page of a step padded with
 * empty tiles. Cameras that no longer exist are skipped; a step left empty yields no page.
 */
export function tourPages(tour: Tour, tileCount: number, catalogue: TourCatalogue): (string | null)[][] {
  const pages: (string | null)[][] = [];
  if (tileCount <= 0) return pages;
  for (const step of tour.steps) {
    const ids = "unitId" in step ? (catalogue.unitCameras(step.unitId) ?? []) : step.cameraIds;
    const seen = new Set<string>();
    const cams = ids.filter((id) => catalogue.hasCamera(id) && !seen.has(id) && seen.add(id));
    for (let i = 0; i < cams.length; i += tileCount) {
      const page: (string | null)[] = cams.slice(i, i + tileCount);
      while (page.length < tileCount) page.push(null);
      pages.push(page);
    }
  }
  return pages;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

export interface TourPosition {
  /** Page index in 0..pageCount-1 (0 when there are no pages). */
  step: number;
  /** The unwrapped step (anchorStep + whole dwells): what next/prev count from. */
  raw: number;
  paused: boolean;
  /** When the next page goes up; null while paused or with nothing to step through. */
  nextAt: number | null;
}

export function tourPosition(run: TourRun, dwellMs: number, pageCount: number, now: number): TourPosition {
  const paused = run.pausedAt !== null;
  const elapsed = Math.max(0, (run.pausedAt ?? now) - run.anchorAt);
  const dwells = Math.floor(elapsed / dwellMs);
  const raw = run.anchorStep + dwells;
  const step = pageCount > 0 ? mod(raw, pageCount) : 0;
  const nextAt = paused || pageCount <= 1 ? null : run.anchorAt + (dwells + 1) * dwellMs;
  return { step, raw, paused, nextAt };
}

export function startRun(tourId: string, now: number): TourRun {
  return { tourId, anchorAt: now, anchorStep: 0, pausedAt: null };
}

export type RunAction = "pause" | "resume" | "next" | "prev";

/** Moves a run; the page on screen changes only for next/prev, and then shows for a full dwell. */
export function controlRun(run: TourRun, action: RunAction, dwellMs: number, pageCount: number, now: number): TourRun {
  const pos = tourPosition(run, dwellMs, pageCount, now);
  const norm = (s: number) => (pageCount > 0 ? mod(s, pageCount) : 0);
  switch (action) {
    case "pause":
      return pos.paused ? run : { ...run, pausedAt: now };
    case "resume":
      // Keep the time already spent on the page: shift the anchor by the paused interval.
      return run.pausedAt === null ? run : { ...run, anchorAt: run.anchorAt + (now - run.pausedAt), pausedAt: null };
    case "next":
    case "prev": {
      const anchorStep = norm(pos.raw + (action === "next" ? 1 : -1));
      return { ...run, anchorStep, anchorAt: now, pausedAt: pos.paused ? now : null };
    }
  }
}

/** The wire view of a run (ScreenState.tour). */
export function tourView(run: TourRun, tour: Tour, pageCount: number, now: number): TourView {
  const pos = tourPosition(run, tour.dwellS * 1000, pageCount, now);
  return { step: pos.step, steps: pageCount, paused: pos.paused, dwellS: tour.dwellS, nextAt: pos.nextAt };
}
