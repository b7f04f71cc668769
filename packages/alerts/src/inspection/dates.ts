// Local calendar dates (YYYY-MM-DD) as the draw protocol uses them: day arithmetic on the proleptic
// Gregorian calendar through Date.UTC, which every engine computes identically (no time zones, no DST).
// Owns date strings only: it never reads the clock; "today" is always an argument.
import { z } from "zod";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a valid YYYY-MM-DD date, or null when it is not a real calendar date. */
export function dayNumber(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (m === null) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over into March: reject anything that does not round-trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function isDate(s: string): boolean {
  return dayNumber(s) !== null;
}

export const zDate = z.string().refine(isDate, { message: "a date is YYYY-MM-DD (a real calendar day)" });

function mustDay(date: string): number {
  const n = dayNumber(date);
  if (n === null) throw new RangeError(`not a date: ${date}`);
  return n;
}

/** The date `n` days after `date` (n may be negative). Throws on a malformed date: callers validate first. */
export function addDays(date: string, n: number): string {
  return new Date((mustDay(date) + n) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return mustDay(to) - mustDay(from);
}

/** Every date from `from` to `to` inclusive (empty when `to` is before `from`). */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  const n = daysBetween(from, to);
  for (let i = 0; i <= n; i++) out.push(addDays(from, i));
  return out;
}
