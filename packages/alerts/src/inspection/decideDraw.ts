// The daily draw, decided: commit a day's secret in advance, draw (revealing today's secret and
// committing tomorrow's in the same step), redraw with a recorded reason. Randomness (the secrets) is
// the gateway's and comes in as arguments; this module only checks and records.
import type { ActContext, Decision } from "../decision";
import { accept, reject } from "../decision";
import type { DomainEvent } from "../events";
import { makeEvent } from "../events";
import type { BlockRef } from "../rollcalls/slot";
import { localDate } from "../schemas/time";
import { fromHex } from "./bytes";
import { addDays, isDate } from "./dates";
import { computePick } from "./draw";
import type { EligibleEntry } from "./eligibility";
import { blockKey, eligibleFor } from "./eligibility";
import { historyAt } from "./history";
import type { DrawRules } from "./rules";
import { defaultDrawRules } from "./rules";
import { sha256Hex } from "./sha256";
import type { InspectionState } from "./state";
import { drawInspectionId } from "./state";

export interface DrawContext extends ActContext {
  /** The offset local dates are in (China: 480). */
  tzOffsetMin: number;
}

export interface DrawInputs {
  /** The public list of blocks (the catalogue). */
  blocks: readonly BlockRef[];
  /** blockKey → recent alarm count (recentAlarmCounts over the control state's alarms). */
  recentAlarms: Record<string, number>;
}

export interface Drawn {
  id: string;
  date: string;
  attempt: number;
  prisonId: string;
  blockId: string;
  eligible: EligibleEntry[];
}

function secretProblem(hex: string): string | null {
  const b = fromHex(hex);
  return b === null || b.length !== 32 ? "must be 32 bytes as 64 lowercase hex digits" : null;
}

/** Commits the secret of a future date (bootstrap, or after a missed day broke the daily chain). */
export function decideCommit(
  state: InspectionState,
  input: { date: string; secret: string },
  ctx: DrawContext,
): Decision<{ date: string; commitment: string }> {
  if (!isDate(input.date)) return reject("validation", "date: must be YYYY-MM-DD", "date");
  const problem = secretProblem(input.secret);
  if (problem !== null) return reject("validation", `secret: ${problem}`, "secret");
  if (input.date <= localDate(ctx.now, ctx.tzOffsetMin)) {
    return reject("conflict", "A secret can only be committed for a day that has not begun.", "date");
  }
  if (state.commitments[input.date] !== undefined) return reject("conflict", `${input.date} is already committed.`);
  const commitment = sha256Hex(fromHex(input.secret)!);
  return accept([makeEvent("inspection.committed", ctx.now, ctx.actor, { date: input.date, commitment })], {
    date: input.date,
    commitment,
  });
}

function drawEvent(
  id: string,
  date: string,
  attempt: number,
  secret: string,
  commitment: string,
  rules: DrawRules,
  excluded: string[],
  inputs: DrawInputs,
  state: InspectionState,
  ctx: DrawContext,
): Decision<Drawn> {
  const { mode, eligible } = eligibleFor(
    date,
    inputs.blocks,
    historyAt(state, date, inputs.recentAlarms),
    rules,
    excluded,
  );
  const pick = computePick(secret, date, attempt, eligible);
  if (pick === null) return reject("conflict", "No block is eligible for the draw.");
  const data = {
    id,
    date,
    tzOffsetMin: ctx.tzOffsetMin,
    attempt,
    secret,
    commitment,
    rules,
    mode,
    excluded,
    eligible,
    mac: pick.mac,
    total: pick.total,
    prisonId: pick.prisonId,
    blockId: pick.blockId,
  };
  return accept([makeEvent("inspection.drawn", ctx.now, ctx.actor, data)], {
    id,
    date,
    attempt,
    prisonId: pick.prisonId,
    blockId: pick.blockId,
    eligible,
  });
}

/**
 * Today's draw: `secret` must hash to the commitment recorded for today; `nextSecret` (fresh from the
 * gateway) is committed for tomorrow in the same step unless tomorrow is already committed.
 */
export function decideDraw(
  state: InspectionState,
  input: DrawInputs & { date: string; secret: string; nextSecret: string | null; rules?: DrawRules },
  ctx: DrawContext,
): Decision<Drawn> {
  const { date } = input;
  if (!isDate(date)) return reject("validation", "date: must be YYYY-MM-DD", "date");
  if (date !== localDate(ctx.now, ctx.tzOffsetMin)) return reject("conflict", "Only today's inspection can be drawn.");
  const id = drawInspectionId(date);
  if (state.byId[id] !== undefined) return reject("conflict", `${date} is already drawn.`);
  const committed = state.commitments[date];
  if (committed === undefined) {
    return reject("conflict", `No secret was committed for ${date}: commit one for a later day; today has no draw.`);
  }
  const problem = secretProblem(input.secret);
  if (problem !== null) return reject("validation", `secret: ${problem}`, "secret");
  if (sha256Hex(fromHex(input.secret)!) !== committed.data.commitment) {
    return reject("validation", "secret: does not match the commitment recorded for this day", "secret");
  }
  const tomorrow = addDays(date, 1);
  const commitNext = input.nextSecret !== null && state.commitments[tomorrow] === undefined;
  if (commitNext) {
    const p = secretProblem(input.nextSecret!);
    if (p !== null) return reject("validation", `nextSecret: ${p}`, "nextSecret");
    if (input.nextSecret === input.secret)
      return reject("validation", "nextSecret: must differ from today's secret", "nextSecret");
  }
  const rules = input.rules ?? defaultDrawRules;
  const d = drawEvent(id, date, 0, input.secret, committed.data.commitment, rules, [], input, state, ctx);
  if (!d.ok || !commitNext) return d;
  const commitment = sha256Hex(fromHex(input.nextSecret!)!);
  const next: DomainEvent = makeEvent("inspection.committed", ctx.now, ctx.actor, { date: tomorrow, commitment });
  return accept([...d.events, next], d.result);
}

/**
 * Sets today's draw aside with a recorded reason and draws again among the other blocks: message suffix
 * `redraw:k`, the day's earlier targets excluded. Both draws stay in the log and on the verify page.
 */
export function decideRedraw(
  state: InspectionState,
  date: string,
  reason: string,
  ctx: DrawContext & DrawInputs,
): Decision<Drawn> {
  if (reason.trim() === "") return reject("validation", "reason: a redraw needs a reason", "reason");
  if (reason.length > 2000) return reject("validation", "reason: at most 2000 characters", "reason");
  const ins = state.byId[drawInspectionId(date)];
  const draws = state.draws[date];
  const last = draws?.[draws.length - 1];
  if (ins === undefined || last === undefined) return reject("not_found", `${date} has no draw.`);
  if (date !== localDate(ctx.now, ctx.tzOffsetMin) || state.lastDrawDate !== date) {
    return reject("conflict", "Only today's draw can be redrawn (later draws were computed from it).");
  }
  if (ins.completedAt !== null) return reject("conflict", "The inspection is completed.");
  if (ins.findingIds.length > 0) return reject("conflict", "The inspection has findings: it cannot be redrawn.");
  const previous = { attempt: ins.attempt, prisonId: ins.prisonId, blockId: ins.blockId };
  const excluded = [...last.data.excluded, blockKey(previous)];
  const attempt = ins.attempt + 1;
  const d = drawEvent(
    ins.id,
    date,
    attempt,
    last.data.secret,
    last.data.commitment,
    last.data.rules,
    excluded,
    ctx,
    state,
    ctx,
  );
  if (!d.ok) return d;
  const redrawn = makeEvent("inspection.redrawn", ctx.now, ctx.actor, {
    id: ins.id,
    date,
    reason: reason.trim(),
    previous,
  });
  return accept([redrawn, ...d.events], d.result);
}
