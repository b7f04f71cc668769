// The playback page's 24-hour timeline, pure: a bureau day as a window, times as positions along it
// (0–1), a click back to a time, and recorded spans clipped to the day as bars. Never reads a clock or the
// browser's time zone: the day and the offset come in.
import { bureauMidnight } from "../time/bureauTime";

const DAY = 86_400_000;

export interface DayWindow {
  from: number;
  to: number;
}

export const dayWindow = (date: string, tzOffsetMin: number): DayWindow => {
  const from = bureauMidnight(date, tzOffsetMin);
  return { from, to: from + DAY };
};

export const position = (ms: number, w: DayWindow): number => Math.min(1, Math.max(0, (ms - w.from) / (w.to - w.from)));

/** The time at fraction `x` (0–1) of the day, to the second. */
export const timeAt = (x: number, w: DayWindow): number =>
  Math.round((w.from + Math.min(1, Math.max(0, x)) * (w.to - w.from)) / 1000) * 1000;

export interface Bar {
  left: number;
  width: number;
  from: number;
  to: number;
}

/** Spans within the day as bars (fractions of the day); spans outside it are left out. */
export function bars(spans: ReadonlyArray<{ from: number; to: number }>, w: DayWindow): Bar[] {
  const out: Bar[] = [];
  for (const s of spans) {
    const from = Math.max(s.from, w.from);
    const to = Math.min(s.to, w.to);
    if (to <= from) continue;
    const left = position(from, w);
    out.push({ left, width: position(to, w) - left, from, to });
  }
  return out;
}

/** The recorded moment nearest after `ms` (a click in a gap plays from where footage resumes), or null. */
export function nextRecorded(spans: ReadonlyArray<{ from: number; to: number }>, ms: number): number | null {
  for (const s of spans) {
    if (ms < s.from) return s.from;
    if (ms < s.to) return ms;
  }
  return null;
}
