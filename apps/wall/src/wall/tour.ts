// Tours (轮巡): a named list of cameras and groups (prison, block, sub-block) cycled through the
// layout page by page with a dwell time. Owns: tour validation, paging and the stepping state
// machine. The clock is an argument (`now`), never read here; no timers, no React.
import type { ApiError, Result } from "@cw/protocol";

export const minDwellMs = 5_000;

/** A camera, or a tree node whose cameras are all shown (expanded by the caller with its tree). */
export type TourItem = { kind: "camera"; id: string } | { kind: "group"; id: string };

export interface Tour {
  id: string;
  name: string;
  items: TourItem[];
  dwellMs: number;
}

export interface TourState {
  page: number;
  pageCount: number;
  paused: boolean;
  /** When the current page went up (only meaningful while running). */
  pageStartedAt: number;
  /** Time already spent on the current page when paused, so resume keeps the remainder. */
  elapsedAtPause: number;
}

export type TourEvent =
  | { type: "tick"; now: number }
  | { type: "next"; now: number }
  | { type: "prev"; now: number }
  | { type: "pause"; now: number }
  | { type: "resume"; now: number }
  | { type: "resize"; now: number; pageCount: number };

function fail(code: ApiError["code"], message: string, field: string): Result<Tour> {
  return { ok: false, error: { code, message, field } };
}

export function validateTour(tour: Tour): Result<Tour> {
  if (tour.name.trim().length === 0) return fail("validation", "a tour needs a name", "name");
  if (tour.items.length === 0) return fail("validation", "a tour needs at least one camera or group", "items");
  if (!Number.isFinite(tour.dwellMs) || tour.dwellMs < minDwellMs) {
    return fail("validation", `dwell must be at least ${minDwellMs / 1000} s`, "dwellMs");
  }
  return { ok: true, value: { ...tour, name: tour.name.trim() } };
}

/** Splits the tour's cameras into pages of `tileCount`, the last page padded with empty tiles. */
export function tourPages(cameraIds: readonly string[], tileCount: number): (string | null)[][] {
  if (tileCount <= 0 || cameraIds.length === 0) return [];
  const pages: (string | null)[][] = [];
  for (let i = 0; i < cameraIds.length; i += tileCount) {
    const page: (string | null)[] = cameraIds.slice(i, i + tileCount);
    while (page.length < tileCount) page.push(null);
    pages.push(page);
  }
  return pages;
}

export function startTour(pageCount: number, now: number): TourState {
  return { page: 0, pageCount: Math.max(0, pageCount), paused: false, pageStartedAt: now, elapsedAtPause: 0 };
}

function turn(state: TourState, delta: number, now: number): TourState {
  if (state.pageCount === 0) return state;
  const page = (((state.page + delta) % state.pageCount) + state.pageCount) % state.pageCount;
  return { ...state, page, pageStartedAt: now, elapsedAtPause: 0 };
}

export function stepTour(state: TourState, event: TourEvent, dwellMs: number): TourState {
  const dwell = Math.max(minDwellMs, dwellMs);
  switch (event.type) {
    case "tick": {
      if (state.paused || state.pageCount === 0) return state;
      const elapsed = event.now - state.pageStartedAt;
      if (elapsed < dwell) return state;
      // Several dwells may have passed (a sleeping tab): skip as many pages, keep the phase.
      const steps = Math.floor(elapsed / dwell);
      const next = turn(state, steps, event.now);
      return { ...next, pageStartedAt: state.pageStartedAt + steps * dwell };
    }
    case "next":
      return turn(state, 1, event.now);
    case "prev":
      return turn(state, -1, event.now);
    case "pause":
      if (state.paused) return state;
      return { ...state, paused: true, elapsedAtPause: Math.max(0, event.now - state.pageStartedAt) };
    case "resume":
      if (!state.paused) return state;
      return { ...state, paused: false, pageStartedAt: event.now - state.elapsedAtPause, elapsedAtPause: 0 };
    case "resize": {
      const pageCount = Math.max(0, event.pageCount);
      const page = pageCount === 0 ? 0 : Math.min(state.page, pageCount - 1);
      return { ...state, pageCount, page };
    }
  }
}

/** Milliseconds until the next page turn, or null when paused or empty (no timer needed). */
export function msUntilTurn(state: TourState, dwellMs: number, now: number): number | null {
  if (state.paused || state.pageCount <= 1) return null;
  const dwell = Math.max(minDwellMs, dwellMs);
  return Math.max(0, state.pageStartedAt + dwell - now);
}
