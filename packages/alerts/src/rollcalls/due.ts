// Missing roll calls: today's slots whose checkpoint has come without a report, with their light, and
// the decision to open each one's obligation (once) so the engine's yellow → red → escalation runs on
// it and the log records it. Reports before the checkpoint need no obligation at all.
import type { DomainEvent } from "../events";
import { makeEvent, SYSTEM_ACTOR } from "../events";
import { lightAt, open } from "../obligation";
import { rollCallSpec } from "../obligationPolicy";
import type { ObligationState } from "../obligationState";
import type { AlertsPolicy } from "../policy";
import { defaultPolicy } from "../policy";
import type { Light } from "../schemas/obligation";
import type { RollCallConfig } from "../schemas/rollcall";
import type { BlockRef, Slot } from "./slot";
import { slotsOn, today } from "./slot";
import type { RollCallsState } from "./state";

export interface DueSlot {
  slot: Slot;
  light: Light;
}

/** Today's slots (local date at `now`) whose checkpoint has passed and that have no report yet. */
export function dueRollCalls(
  config: RollCallConfig,
  blocks: readonly BlockRef[],
  reports: RollCallsState,
  now: number,
  policy: AlertsPolicy = defaultPolicy,
): DueSlot[] {
  return slotsOn(config, blocks, today(config, now))
    .filter((s) => s.scheduledAt <= now && reports.bySlot[s.key] === undefined)
    .map((slot) => ({ slot, light: lightAt(open(rollCallSpec(policy.obligations, slotSpecOf(slot)), now), now) }));
}

function slotSpecOf(s: Slot) {
  return {
    key: s.key,
    prisonId: s.prisonId,
    blockId: s.blockId,
    scheduledAt: s.scheduledAt,
    graceMin: s.checkpoint.graceMin,
    redAfterMin: s.checkpoint.redAfterMin,
  };
}

/** obligation.opened for every due slot that has none yet (idempotent once the events are folded). */
export function decideRollCallTick(
  state: { rollcalls: RollCallsState; obligations: ObligationState },
  config: RollCallConfig,
  blocks: readonly BlockRef[],
  now: number,
  policy: AlertsPolicy = defaultPolicy,
): DomainEvent[] {
  const out: DomainEvent[] = [];
  for (const { slot } of dueRollCalls(config, blocks, state.rollcalls, now, policy)) {
    const ob = open(rollCallSpec(policy.obligations, slotSpecOf(slot)), now);
    if (state.obligations.byId[ob.id] !== undefined) continue;
    out.push(makeEvent("obligation.opened", now, SYSTEM_ACTOR, { obligation: ob }));
  }
  return out;
}
