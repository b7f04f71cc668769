// The draw's rules: eligibility gap, weight formula parameters and the overdue rule, versioned. The
// rules are recorded in every draw, so a verifier re-computes weights with the rules of that day even
// after the config changes. Config only: `zDrawRules.parse({})` is the shipped rule set.
import { z } from "zod";

/** Bump when the weight formula or the candidate selection changes meaning (a verifier dispatches on it). */
export const DRAW_RULES_VERSION = "w1";

const zDays = z.number().int().min(1).max(3650);

const ruleFields = {
  version: z.literal(DRAW_RULES_VERSION),
  /** N: a block inspected (drawn or ad-hoc) less than N days ago is not eligible. */
  minGapDays: zDays,
  /** F: a block not inspected for F days or more is overdue: the draw is restricted to the most overdue. */
  forceAfterDays: zDays,
  /** Days since last inspection count up to this cap in the weight (a never-inspected block counts as the cap). */
  dayCap: zDays,
  /** Alarms raised in the block on the W local days before the draw date count as recent. */
  alarmWindowDays: zDays,
  /** α in percent: each recent alarm adds alarmPct % to the weight … */
  alarmPct: z.number().int().min(0).max(10_000),
  /** … up to this many alarms (one noisy camera must not monopolise the draw). */
  alarmCap: z.number().int().min(0).max(1000),
};

function forceNotBelowGap(r: { minGapDays: number; forceAfterDays: number }): boolean {
  return r.forceAfterDays >= r.minGapDays;
}
const forceMessage = { message: "forceAfterDays must not be below minGapDays", path: ["forceAfterDays"] };

/** The rules as recorded in an `inspection.drawn` event: every field present, no defaults. */
export const zDrawRulesRecord = z.object(ruleFields).strict().refine(forceNotBelowGap, forceMessage);
export type DrawRules = z.infer<typeof zDrawRulesRecord>;

export const defaultDrawRules: DrawRules = {
  version: DRAW_RULES_VERSION,
  minGapDays: 30,
  forceAfterDays: 90,
  dayCap: 90,
  alarmWindowDays: 30,
  alarmPct: 50,
  alarmCap: 10,
};

/** The rules as configured: a partial override of the defaults. */
export const zDrawRules = z
  .object({
    version: ruleFields.version.default(DRAW_RULES_VERSION),
    minGapDays: zDays.default(defaultDrawRules.minGapDays),
    forceAfterDays: zDays.default(defaultDrawRules.forceAfterDays),
    dayCap: zDays.default(defaultDrawRules.dayCap),
    alarmWindowDays: zDays.default(defaultDrawRules.alarmWindowDays),
    alarmPct: ruleFields.alarmPct.default(defaultDrawRules.alarmPct),
    alarmCap: ruleFields.alarmCap.default(defaultDrawRules.alarmCap),
  })
  .strict()
  .refine(forceNotBelowGap, forceMessage);

/**
 * M, the guaranteed coverage bound for `blockCount` blocks and one draw per day: no block goes longer
 * than M days without an inspection (and a new block is reached within `blockCount` days of its first
 * draw-day). Proof sketch (README, "Coverage guarantee"): on day D a block is overdue when its last
 * inspection is on or before D−F; the other blocks were inspected on the F−1 days before D, and with
 * the N-day gap a block occurs at most ⌊(F−2)/N⌋+1 times in F−1 days, so at least ⌈(F−1)/that⌉ blocks
 * are not overdue and at most S = K − ⌈…⌉ are. The overdue draw takes a most-overdue block each day,
 * so a block that becomes overdue waits behind at most S−1 older ones: M = F + S − 1.
 */
export function coverageBound(blockCount: number, rules: DrawRules): number {
  const f = rules.forceAfterDays;
  const window = f - 1;
  const maxPerBlock = window <= 0 ? 1 : Math.floor((window - 1) / rules.minGapDays) + 1;
  const notOverdue = window <= 0 ? 0 : Math.ceil(window / maxPerBlock);
  const overdue = Math.max(1, blockCount - notOverdue);
  return f + overdue - 1;
}
