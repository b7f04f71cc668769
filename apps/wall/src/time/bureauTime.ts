// The bureau's calendar and clock, pure. Owns: turning an instant (ms since the epoch) into the date and
// time a person at the bureau reads, given the bureau's offset from UTC. Never reads the browser's time
// zone or clock: a wall PC set to UTC (or another zone) shows the same day and times as one in the bureau.
const MIN = 60_000;
const DAY = 86_400_000;

const shifted = (ms: number, tzOffsetMin: number) => new Date(ms + tzOffsetMin * MIN).toISOString();

/** "YYYY-MM-DD" of the instant in the bureau's calendar. */
export const bureauDate = (ms: number, tzOffsetMin: number): string => shifted(ms, tzOffsetMin).slice(0, 10);

/** "HH:MM:SS" (or "HH:MM") of the instant on the bureau's clock. */
export const bureauTime = (ms: number, tzOffsetMin: number, seconds = true): string =>
  shifted(ms, tzOffsetMin).slice(11, seconds ? 19 : 16);

/** "YYYY-MM-DD HH:MM:SS" (or without seconds). */
export const bureauDateTime = (ms: number, tzOffsetMin: number, seconds = true): string =>
  `${bureauDate(ms, tzOffsetMin)} ${bureauTime(ms, tzOffsetMin, seconds)}`;

/** "MM-DD HH:MM": compact, for rows where the year is obvious. */
export const bureauShort = (ms: number, tzOffsetMin: number): string =>
  shifted(ms, tzOffsetMin).slice(5, 16).replace("T", " ");

/** The instant the bureau's day `date` ("YYYY-MM-DD") begins. */
export const bureauMidnight = (date: string, tzOffsetMin: number): number =>
  Date.parse(`${date}T00:00:00Z`) - tzOffsetMin * MIN;

/** `date` moved by `days` calendar days. */
export const shiftDate = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** "UTC+8" / "UTC−5:30": the zone's name as an operator reads it. */
export function zoneLabel(tzOffsetMin: number): string {
  const sign = tzOffsetMin < 0 ? "−" : "+";
  const abs = Math.abs(tzOffsetMin);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m === 0 ? "" : `:${String(m).padStart(2, "0")}`}`;
}
