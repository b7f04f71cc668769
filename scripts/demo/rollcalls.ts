// Demo roll calls: a day's schedule laid around the moment of seeding, and the reports blocks send for it.
// Owns: which checkpoints exist (past ones, so reports and gaps show; upcoming ones, so the board has a
// future), which prisons report on time, late or not at all, and the reports posted through the signed
// feed. Lateness is judged by when the gateway RECEIVES a report, so without a settable gateway clock the
// thresholds do the work: punctual prisons get a grace that the report beats, late ones a short grace.
// Never: posts anything but signed feed records (docs/api/feeds.md).
import { localDate, localTime, MINUTE_MS, type RollCallConfig, type Schedule } from "@cw/alerts";
import { inBatches, postFeed } from "./client";

/** Prisons whose reports arrive late: red (and their gaps red, escalated) / yellow. */
export const latePrisons = ["ly2", "fx"] as const;
export const slowPrisons = ["dd"] as const;

const PAST_AGO_MIN = [240, 150, 75, 20];
const UPCOMING_IN_MIN = [60, 150];
const DAY_MIN = 24 * 60;

export interface DemoCheckpoint {
  id: string;
  name: string;
  nameEn: string;
  /** Minutes after local midnight. */
  minute: number;
}

export interface RollCallPlan {
  date: string;
  nowMinute: number;
  past: DemoCheckpoint[];
  upcoming: DemoCheckpoint[];
  config: RollCallConfig;
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** Past checkpoint minutes: the ideal spacing, squeezed into the day so far in the small hours. */
function pastMinutes(nowMinute: number): number[] {
  const ideal = PAST_AGO_MIN.map((ago) => nowMinute - ago);
  const raw = ideal[0]! >= 0 ? ideal : [0, 0.4, 0.7, 0.9].map((f) => Math.floor(nowMinute * f));
  return raw.filter((m, i) => m < nowMinute && (i === 0 || m > raw[i - 1]!));
}

function checkpoint(i: number, minute: number): DemoCheckpoint {
  return { id: `rc${i + 1}`, name: `第${i + 1}次点名`, nameEn: `Roll call ${i + 1}`, minute };
}

export function rollCallPlan(now: number, tzOffsetMin: number): RollCallPlan {
  const date = localDate(now, tzOffsetMin);
  const nowMinute = Math.floor((now - localTime(date, "00:00", tzOffsetMin)) / MINUTE_MS);
  const past = pastMinutes(nowMinute).map((m, i) => checkpoint(i, m));
  const upcoming = UPCOMING_IN_MIN.map((d) => nowMinute + d)
    .filter((m) => m < DAY_MIN)
    .map((m, i) => checkpoint(past.length + i, m));
  const ago = (c: DemoCheckpoint) => nowMinute - c.minute;
  const schedule = (grace: (c: DemoCheckpoint) => number, red: (c: DemoCheckpoint, g: number) => number): Schedule =>
    [...past, ...upcoming].map((c) => {
      const isPast = c.minute <= nowMinute;
      const graceMin = isPast ? grace(c) : 10;
      const redAfterMin = isPast ? red(c, graceMin) : 30;
      return { id: c.id, name: c.name, nameEn: c.nameEn, time: hhmm(c.minute), graceMin, redAfterMin };
    });
  // Punctual: the grace outlasts the seeding, so a report posted now is on time.
  const punctual = schedule(
    (c) => Math.min(720, ago(c) + 60),
    (_c, g) => Math.min(1440, g + 30),
  );
  // Late: the product's default thresholds (10 / 30 min) — reports posted now are late, gaps go red.
  const late = schedule(
    () => 10,
    () => 30,
  );
  // Slow: past the grace but not yet red.
  const slow = schedule(
    () => 5,
    (c) => Math.min(1440, Math.max(6, ago(c) + 120)),
  );
  const byPrison: Record<string, Schedule> = {};
  for (const p of latePrisons) byPrison[p] = late;
  for (const p of slowPrisons) byPrison[p] = slow;
  return { date, nowMinute, past, upcoming, config: { schedule: punctual, byPrison, tzOffsetMin } };
}

export interface BlockRef {
  prisonId: string;
  blockId: string;
  /** Index of the prison in the tree and of the block in its prison: varies the numbers. */
  prisonIndex: number;
  blockIndex: number;
}

/** Which report a block sends at a past checkpoint: null = none (the gap is the point). */
function report(b: BlockRef, c: DemoCheckpoint, plan: RollCallPlan): { present: number; reasons: string[] } | null {
  const last = plan.past.length - 1;
  const i = plan.past.indexOf(c);
  const late = (latePrisons as readonly string[]).includes(b.prisonId);
  const slow = (slowPrisons as readonly string[]).includes(b.prisonId);
  if (late && b.blockIndex === 0 && i >= last - 1) return null;
  if (slow && b.blockIndex === 1 && i === last) return null;
  if (b.prisonId === "pj" && b.blockIndex === 2 && i === last) return null;
  if (b.prisonId === "pj" && b.blockIndex === 1 && i === last - 1) return { present: -1, reasons: ["就医"] };
  if (b.prisonId === "sy1" && b.blockIndex === 0 && i === last) return { present: -2, reasons: ["就医", "会见"] };
  return { present: 0, reasons: [] };
}

/** Posts every block's reports for the plan's past checkpoints; returns how many were posted. */
export async function postRollCalls(
  baseUrl: string,
  plan: RollCallPlan,
  blocks: readonly BlockRef[],
  now: number,
  clockOffsetMs = 0,
): Promise<number> {
  const tz = plan.config.tzOffsetMin;
  const jobs = blocks.flatMap((b) =>
    plan.past.flatMap((c) => {
      const r = report(b, c, plan);
      if (r === null) return [];
      const expected = 60 + ((b.prisonIndex * 7 + b.blockIndex * 13) % 50);
      const scheduledAt = localTime(plan.date, hhmm(c.minute), tz);
      const record = {
        sourceId: `demo-rc-${plan.date}-${b.blockId}-${c.id}`,
        blockId: b.blockId,
        checkpoint: c.id,
        scheduledAt,
        reportedAt: Math.min(now, scheduledAt + 3 * MINUTE_MS),
        expected,
        present: expected + r.present,
        ...(r.reasons.length > 0 ? { absentees: r.reasons.map((reason) => ({ reason })) } : {}),
      };
      return [{ prisonId: b.prisonId, record }];
    }),
  );
  await inBatches(jobs, 4, (j) => postFeed(baseUrl, j.prisonId, "rollcalls", j.record, clockOffsetMs));
  return jobs.length;
}
