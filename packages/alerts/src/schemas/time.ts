// Instants on the wire. Feeds send either unix milliseconds or an ISO-8601 timestamp with an offset;
// inside the domain every instant is unix ms (a plain number). Owns only parsing: never reads the clock.
import { z } from "zod";

/** Unix milliseconds. Not branded: it is the only time unit the domain uses for instants. */
export type UnixMs = number;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

// 2000-01-01 .. 2100-01-01: anything outside is a unit mix-up (seconds vs ms) or junk.
const MIN_MS = 946_684_800_000;
const MAX_MS = 4_102_444_800_000;

export const zUnixMs = z.number().int().min(MIN_MS).max(MAX_MS);

/** A feed instant: unix ms or ISO-8601 with an explicit offset (a zone-less time is ambiguous). */
export const zInstant = z.union([zUnixMs, z.iso.datetime({ offset: true })]).transform((v, ctx) => {
  const ms = typeof v === "number" ? v : Date.parse(v);
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) {
    ctx.addIssue({ code: "custom", message: "the instant is out of range (2000..2100)" });
    return z.NEVER;
  }
  return ms;
});

/** The local calendar date (YYYY-MM-DD) of an instant at a fixed UTC offset (China: +480, no DST). */
export function localDate(at: UnixMs, tzOffsetMin: number): string {
  return new Date(at + tzOffsetMin * MINUTE_MS).toISOString().slice(0, 10);
}

/** The instant of local `HH:MM` on a local date at a fixed UTC offset. */
export function localTime(date: string, hhmm: string, tzOffsetMin: number): UnixMs {
  return Date.parse(`${date}T${hhmm}:00.000Z`) - tzOffsetMin * MINUTE_MS;
}
