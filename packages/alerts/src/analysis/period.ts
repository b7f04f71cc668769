// Report periods (三研判: daily, monthly, quarterly) as windows of local time at a fixed UTC offset, and
// the period before each (for trends). Pure calendar arithmetic on dates, never the host's time zone.
import type { ReportPeriod } from "@cw/protocol";
import { localTime } from "../schemas/time";

export interface PeriodWindow {
  period: ReportPeriod;
  /** First local date of the period, YYYY-MM-DD. */
  date: string;
  /** "2025-06-15", "2025-06", "2025-Q2". */
  label: string;
  from: number;
  to: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};

function parts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`a date is YYYY-MM-DD, got ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The period containing local date `date`. */
export function periodWindow(period: ReportPeriod, date: string, tzOffsetMin: number): PeriodWindow {
  const [y, m, d] = parts(date);
  let start: string;
  let end: string;
  let label: string;
  if (period === "day") {
    start = ymd(y, m, d);
    end = ymd(y, m, d + 1);
    label = start;
  } else if (period === "month") {
    start = ymd(y, m, 1);
    end = ymd(y, m + 1, 1);
    label = start.slice(0, 7);
  } else {
    const q = Math.floor((m - 1) / 3);
    start = ymd(y, q * 3 + 1, 1);
    end = ymd(y, q * 3 + 4, 1);
    label = `${start.slice(0, 4)}-Q${q + 1}`;
  }
  return {
    period,
    date: start,
    label,
    from: localTime(start, "00:00", tzOffsetMin),
    to: localTime(end, "00:00", tzOffsetMin),
  };
}

/** The period just before `w` (yesterday, last month, last quarter). */
export function previousPeriod(w: PeriodWindow, tzOffsetMin: number): PeriodWindow {
  const [y, m, d] = parts(w.date);
  const back = w.period === "day" ? ymd(y, m, d - 1) : w.period === "month" ? ymd(y, m - 1, 1) : ymd(y, m - 3, 1);
  return periodWindow(w.period, back, tzOffsetMin);
}
