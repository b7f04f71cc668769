// The demo's roll calls for one day, planned ahead: at every checkpoint every block of every prison
// reports its headcount a few minutes after the time; now and then one prison is late (past the grace
// time, sometimes past red) so the board shows yellow and red lights; now and then a block is one short
// with the absentee's reason (就医, 会见, 禁闭 …), which raises a headcount alarm. Expected headcounts are
// stable per block (80-160). Pure: the date, the schedule and the randomness are arguments.
import { localTime, type RollCallFeedInput, type Schedule } from "@cw/alerts";
import type { SimPrison } from "./model";
import { between, hash32, pick, type Rng } from "./rng";

export interface PlannedReport {
  /** When the block reports (unix ms); also its reportedAt. */
  at: number;
  prisonId: string;
  body: RollCallFeedInput;
}

export interface PlanOptions {
  /** Chance, per checkpoint, that one prison reports late (a second one at a quarter of it). */
  lateChance?: number;
  /** Chance, per report, that the block is one short. */
  shortChance?: number;
}

export const absenceReasons = ["就医", "会见", "禁闭", "住院治疗", "提审"] as const;

/** A block's stable expected headcount. */
export function expectedHeadcount(prisonId: string, blockId: string): number {
  return 80 + (hash32(`${prisonId}/${blockId}`) % 81);
}

export function planDay(
  prisons: readonly SimPrison[],
  schedule: Schedule,
  date: string,
  tzOffsetMin: number,
  rng: Rng,
  opts: PlanOptions = {},
): PlannedReport[] {
  const lateChance = opts.lateChance ?? 0.5;
  const shortChance = opts.shortChance ?? 0.015;
  const out: PlannedReport[] = [];
  for (const cp of schedule) {
    const scheduledAt = localTime(date, cp.time, tzOffsetMin);
    const late = new Set<string>();
    if (rng() < lateChance) late.add(pick(rng, prisons)?.id ?? "");
    if (rng() < lateChance / 4) late.add(pick(rng, prisons)?.id ?? "");
    for (const prison of prisons) {
      // A late prison is late as a whole (its centre forgot), past grace, often past red.
      const lateBy = late.has(prison.id) ? between(rng, cp.graceMin + 2, cp.redAfterMin + 15) : null;
      for (const block of prison.blocks) {
        const at =
          scheduledAt + ((lateBy ?? between(rng, 1, Math.max(1, cp.graceMin - 2))) * 60 + between(rng, 0, 59)) * 1000;
        const expected = expectedHeadcount(prison.id, block.id);
        const short = rng() < shortChance;
        const reason = pick(rng, absenceReasons) ?? "就医";
        out.push({
          at,
          prisonId: prison.id,
          body: {
            sourceId: `${prison.id}-rc-${date}-${cp.id}-${block.id}`.slice(0, 128),
            blockId: block.id,
            subBlockId: null,
            checkpoint: cp.id,
            scheduledAt,
            reportedAt: at,
            expected,
            present: short ? expected - 1 : expected,
            absentees: short ? [{ ref: String(between(rng, 2_100_000, 2_199_999)), reason }] : [],
          },
        });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
