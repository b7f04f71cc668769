// Wall times written for people on the bureau's clock, wherever the machine is: the bureau's fixed UTC
// offset comes in (China: +480, no daylight saving). Pure; used by the audit CSV and the export watermark.
const MINUTE = 60_000;
const two = (n: number) => String(n).padStart(2, "0");

/** "2026-03-10 09:30:05": `ms` at `tzOffsetMin` minutes east of UTC. */
export function bureauDateTime(ms: number, tzOffsetMin: number): string {
  const iso = new Date(ms + tzOffsetMin * MINUTE).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** "+08:00" for 480, "-05:30" for -330. */
export function offsetText(tzOffsetMin: number): string {
  const m = Math.abs(tzOffsetMin);
  return `${tzOffsetMin < 0 ? "-" : "+"}${two(Math.floor(m / 60))}:${two(m % 60)}`;
}
