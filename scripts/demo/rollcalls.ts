// Demo roll calls: the product's default day (起床 06:00 … 就寝 21:00), the checkpoints already past at the
// moment of seeding reported by every block — on time, late, or not at all — and two short head counts.
// Lateness is judged by when the gateway RECEIVES a report, and everything is posted at one moment, so the
// per-prison thresholds do the work: punctual prisons get a grace that the report beats, late ones the
// default 10 / 30 minutes, a slow one a grace passed but no red yet. Seed after about 12:00 bureau time
// (the demo pins the gateway at 14:30, scripts/demo-seed.ts) so the morning's checkpoints are past.
// Owns: the schedule's thresholds and who reports what. Never: posts anything but signed feed records.
import {
  type Checkpoint,
  defaultSchedule,
  localDate,
  localTime,
  MINUTE_MS,
  type RollCallConfig,
  type Schedule,
} from "@cw/alerts";
import { inBatches, postFeed } from "./client";

/** Prisons whose reports arrive late: red (and their gaps red, escalated) / yellow. */
export const latePrisons = ["ly2", "fx"] as const;
export const slowPrisons = ["dd"] as const;

export interface RollCallPlan {
  date: string;
  /** Checkpoints whose time has passed at the seeding instant, in the day's order. */
  past: Checkpoint[];
  config: RollCallConfig;
}

export function rollCallPlan(now: number, tzOffsetMin: number): RollCallPlan {
  const date = localDate(now, tzOffsetMin);
  const ago = (c: Checkpoint) => Math.floor((now - localTime(date, c.time, tzOffsetMin)) / MINUTE_MS);
  const past = defaultSchedule.filter((c) => ago(c) >= 1);
  const schedule = (grace: (a: number) => number, red: (a: number, g: number) => number): Schedule =>
    defaultSchedule.map((c) => {
      if (ago(c) < 1) return c;
      const graceMin = grace(ago(c));
      return { ...c, graceMin, redAfterMin: red(ago(c), graceMin) };
    });
  // Punctual: the grace outlasts the seeding by an hour, so a report posted now is on time.
  const punctual = schedule(
    (a) => Math.min(720, a + 60),
    (_a, g) => Math.min(1440, g + 30),
  );
  // Late: the default thresholds — reports posted now are late, gaps red.
  const late = schedule(
    () => 10,
    () => 30,
  );
  // Slow: past the grace, not yet red.
  const slow = schedule(
    (a) => Math.min(5, a - 1),
    (a) => Math.min(1440, a + 120),
  );
  const byPrison: Record<string, Schedule> = {};
  for (const p of latePrisons) byPrison[p] = late;
  for (const p of slowPrisons) byPrison[p] = slow;
  return { date, past, config: { schedule: punctual, byPrison, tzOffsetMin } };
}

export interface BlockRef {
  prisonId: string;
  blockId: string;
  /** Index of the prison in the tree and of the block in its prison: varies the numbers. */
  prisonIndex: number;
  blockIndex: number;
}

/** Which report a block sends at a past checkpoint: null = none (the gap is the point). */
function report(b: BlockRef, c: Checkpoint, plan: RollCallPlan): { present: number; reasons: string[] } | null {
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
      const scheduledAt = localTime(plan.date, c.time, tz);
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
