// When a recording plan records and how long its footage is kept. Pure: the time and the bureau's UTC
// offset come in as arguments (China has one offset and no daylight saving; the control plane's roll
// calls use the same fixed offset).
import { DEFAULT_PRE_ROLL_S, type RecordingPlan, type ScheduleWindow } from "@cw/protocol";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Alarm mode keeps footage outside alarm clips this long past the pre-roll: time for the alarm's clip to be logged. */
const ALARM_MARGIN_MS = 2 * MINUTE;

/** Whether the plan records at `now`. Alarm mode records all the time: its pre-roll must exist. */
export function recordsAt(plan: RecordingPlan, now: number, tzOffsetMin: number): boolean {
  switch (plan.mode) {
    case "off":
      return false;
    case "continuous":
    case "alarm":
      return true;
    case "schedule":
      return (plan.schedule ?? []).some((w) => inWindow(w, now, tzOffsetMin));
  }
}

/**
 * How long footage is kept after it ends. Alarm mode keeps only what a coming alarm's pre-roll may need:
 * the clips of alarms are evidence, kept apart from retention.
 */
export function keepMsOf(plan: RecordingPlan): number {
  if (plan.mode === "alarm") return (plan.preRollS ?? DEFAULT_PRE_ROLL_S) * 1000 + ALARM_MARGIN_MS;
  return plan.retentionDays * DAY;
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** ISO weekday (1 = Monday … 7 = Sunday) and minute of the day at `ms`, local time. */
export function localDayMinute(ms: number, tzOffsetMin: number): { weekday: number; minute: number } {
  const local = ms + tzOffsetMin * MINUTE;
  const day = Math.floor(local / DAY);
  // 1970-01-01 was a Thursday (ISO 4).
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  return { weekday, minute: Math.floor((local - day * DAY) / MINUTE) };
}

export function inWindow(w: ScheduleWindow, now: number, tzOffsetMin: number): boolean {
  const { weekday, minute } = localDayMinute(now, tzOffsetMin);
  const from = minutes(w.from);
  const to = minutes(w.to);
  if (from < to) return w.days.includes(weekday) && minute >= from && minute < to;
  // Past midnight: the window belongs to the day it starts on.
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return (w.days.includes(weekday) && minute >= from) || (w.days.includes(yesterday) && minute < to);
}
