// The gateway's clock and the bureau's calendar as the time-zone specs set them up. The gateway runs with
// CLOCK_OFFSET_MS (its now = real now + offset) and tells the wall its calendar in the session
// (tzOffsetMin, now); these helpers choose the offset that puts the gateway at a chosen minute of the
// bureau's day, and pick a browser zone whose date differs from the bureau's right now.
// Owns: that arithmetic. Never: reads the gateway's state (specs check it through the API).
import { DAY_MS, localDate, localTime, MINUTE_MS } from "@cw/alerts";

/** The bureau's default offset from UTC (China: +08:00, no daylight saving). */
export const BUREAU_TZ_OFFSET_MIN = 480;

/**
 * CLOCK_OFFSET_MS that puts the gateway `minutes` after the bureau's next midnight (negative: before it),
 * e.g. -2 → 23:58 of the bureau's today, +2 → 00:02 of its tomorrow.
 */
export function offsetToBureauMidnight(now: number, minutes: number, tzOffsetMin = BUREAU_TZ_OFFSET_MIN): number {
  const midnight = localTime(localDate(now, tzOffsetMin), "00:00", tzOffsetMin) + DAY_MS;
  return midnight + minutes * MINUTE_MS - now;
}

/** The bureau's date and HH:MM at instant `at`. */
export function bureauClock(at: number, tzOffsetMin = BUREAU_TZ_OFFSET_MIN): { date: string; hhmm: string } {
  const iso = new Date(at + tzOffsetMin * MINUTE_MS).toISOString();
  return { date: iso.slice(0, 10), hhmm: iso.slice(11, 16) };
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
