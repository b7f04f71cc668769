// When the daily draw is due: pure arithmetic on the local date at a fixed UTC offset. Never reads the
// clock (now is an argument), never schedules anything (the service's timer does).
import { addDays, localDate, localTime } from "@cw/alerts";

export interface DrawClock {
  drawTime: string;
  tzOffsetMin: number;
}

export function today(now: number, c: DrawClock): string {
  return localDate(now, c.tzOffsetMin);
}

export function tomorrow(now: number, c: DrawClock): string {
  return addDays(today(now, c), 1);
}

/** The instant of `date`'s draw. */
export function drawInstant(date: string, c: DrawClock): number {
  return localTime(date, c.drawTime, c.tzOffsetMin);
}

/** True once today's draw time has passed. */
export function drawTimePassed(now: number, c: DrawClock): boolean {
  return now >= drawInstant(today(now, c), c);
}
