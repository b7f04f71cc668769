// Verification of a recorded draw, as anyone can run it (the wall's verify page runs it in the
// browser on the events the API returns): the commitment, the canonical list, the weights, the mode,
// optionally the list against the history, the MAC and the result. Never throws: each check says why.
import type { BlockRef } from "../rollcalls/slot";
import { fromHex } from "./bytes";
import { daysBetween, isDate } from "./dates";
import { computePick } from "./draw";
import type { DrawHistory, EligibleEntry } from "./eligibility";
import { blockKey, eligibleFor, weightOf } from "./eligibility";
import { zInspectionCommitted, zInspectionDrawn } from "./events";
import { historyAt } from "./history";
import type { DrawRules } from "./rules";
import { sha256Hex } from "./sha256";
import type { InspectionState } from "./state";

export interface VerifyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Verification {
  ok: boolean;
  checks: VerifyCheck[];
}

/** The part of a logged event verification reads (plain JSON from the API will do). */
export interface LoggedEvent {
  at: number;
  data: unknown;
}

/** For the eligibility check: the catalogue and the history as of the draw date. */
export interface VerifyHistory {
  blocks: readonly BlockRef[];
  history: DrawHistory;
}

function staleness(e: EligibleEntry): number {
  return e.daysSince === null ? Number.POSITIVE_INFINITY : e.daysSince;
}

function modeProblem(mode: string, list: EligibleEntry[], rules: DrawRules): string | null {
  const s = list.map(staleness);
  const allSame = s.every((x) => x === s[0]);
  if (mode === "normal" && s.some((x) => x < rules.minGapDays || x >= rules.forceAfterDays)) {
    return "a normal draw lists only blocks last inspected N..F−1 days ago";
  }
  if (mode === "overdue" && (!allSame || s.some((x) => x < rules.forceAfterDays))) {
    return "an overdue draw lists only the most overdue blocks (F days or more, all equally stale)";
  }
  if (mode === "relaxed" && (!allSame || s.some((x) => x >= rules.minGapDays))) {
    return "a relaxed draw lists only the least recently inspected blocks (under N days)";
  }
  return null;
}

function weightProblem(date: string, list: EligibleEntry[], rules: DrawRules): string | null {
  for (const e of list) {
    const days = e.lastInspected === null ? null : isDate(e.lastInspected) ? daysBetween(e.lastInspected, date) : NaN;
    if (days !== e.daysSince) return `${blockKey(e)}: daysSince ${e.daysSince} does not follow from ${e.lastInspected}`;
    const w = weightOf(e.daysSince, e.recentAlarms, rules);
    if (w !== e.weight) return `${blockKey(e)}: weight ${e.weight}, the formula gives ${w}`;
  }
  return null;
}

function sameList(a: EligibleEntry[], b: EligibleEntry[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Verifies one recorded draw against the commitment recorded before it. With `history`, the candidate
 * list itself is recomputed from the catalogue and the history; without, the list is checked for
 * internal consistency (order, weights, mode) and the pick is recomputed from it.
 */
export function verifyDraw(drawn: LoggedEvent, committed: LoggedEvent | null, history?: VerifyHistory): Verification {
  const checks: VerifyCheck[] = [];
  const add = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const dp = zInspectionDrawn.safeParse(drawn.data);
  if (!dp.success) {
    add("draw.format", false, `the draw does not parse: ${dp.error.issues[0]?.message ?? "invalid"}`);
    return { ok: false, checks };
  }
  const d = dp.data;
  add("draw.format", true, `draw of ${d.date}, attempt ${d.attempt}, rules ${d.rules.version}`);

  const cp = committed === null ? null : zInspectionCommitted.safeParse(committed.data);
  if (cp === null || !cp.success || committed === null) {
    add("commitment.present", false, "no valid commitment event for this day was given");
  } else {
    const c = cp.data;
    add("commitment.present", c.date === d.date, `commitment for ${c.date}, draw for ${d.date}`);
    add("commitment.before", committed.at < drawn.at, `committed at ${committed.at}, drawn at ${drawn.at}`);
    const hash = sha256Hex(fromHex(d.secret) ?? new Uint8Array());
    add(
      "commitment.matches",
      hash === c.commitment && d.commitment === c.commitment,
      `sha256(secret) = ${hash}, committed ${c.commitment}`,
    );
  }

  const keys = d.eligible.map(blockKey);
  const sorted = keys.every((k, i) => i === 0 || keys[i - 1]! < k);
  const clash = keys.find((k) => d.excluded.includes(k));
  add(
    "eligible.canonical",
    sorted && clash === undefined,
    !sorted
      ? "the list is not in strictly ascending key order"
      : clash !== undefined
        ? `${clash} is both excluded and listed`
        : `${keys.length} blocks, sorted`,
  );
  const wp = weightProblem(d.date, d.eligible, d.rules);
  add("eligible.weights", wp === null, wp ?? "every weight follows from its inputs");
  const mp = modeProblem(d.mode, d.eligible, d.rules);
  add("eligible.mode", mp === null, mp ?? `mode ${d.mode} fits the list`);
  if (history !== undefined) {
    const re = eligibleFor(d.date, history.blocks, history.history, d.rules, d.excluded);
    const same = re.mode === d.mode && sameList(re.eligible, d.eligible);
    add(
      "eligible.history",
      same,
      same ? "the list recomputes from the history" : `the history gives ${re.eligible.length} blocks (${re.mode})`,
    );
  }

  const pick = computePick(d.secret, d.date, d.attempt, d.eligible);
  if (pick === null) {
    add("pick.mac", false, "the pick cannot be computed (bad secret or empty list)");
  } else {
    add("pick.mac", pick.mac === d.mac && pick.total === d.total, `HMAC ${pick.mac}, total weight ${pick.total}`);
    const ok = pick.prisonId === d.prisonId && pick.blockId === d.blockId;
    add("pick.result", ok, `recomputed ${pick.prisonId}/${pick.blockId}, recorded ${d.prisonId}/${d.blockId}`);
  }
  return { ok: checks.every((c) => c.ok), checks };
}

export interface DayVerification {
  date: string;
  ok: boolean;
  commitment: { at: number; commitment: string } | null;
  draws: { attempt: number; prisonId: string; blockId: string; verification: Verification }[];
}

/**
 * Every draw of `date` (the first and each redraw) verified, for GET /inspections/{date}/verify. With
 * `inputs` (the catalogue and recentAlarmCounts for that date) the lists are also checked against the
 * history, which only depends on days before `date` and so recomputes the same later.
 */
export function verifyDay(
  state: InspectionState,
  date: string,
  inputs?: { blocks: readonly BlockRef[]; recentAlarms: Record<string, number> },
): DayVerification {
  const c = state.commitments[date] ?? null;
  const history =
    inputs === undefined ? undefined : { blocks: inputs.blocks, history: historyAt(state, date, inputs.recentAlarms) };
  const draws = (state.draws[date] ?? []).map((d) => ({
    attempt: d.data.attempt,
    prisonId: d.data.prisonId,
    blockId: d.data.blockId,
    verification: verifyDraw(d, c, history),
  }));
  return {
    date,
    ok: draws.length > 0 && draws.every((d) => d.verification.ok),
    commitment: c === null ? null : { at: c.at, commitment: c.data.commitment },
    draws,
  };
}
