// The fold of obligation events: every obligation by id, with its recorded light and escalations.
// Reducers never mutate a published state: `reduceObligations` copies, `applyObligationEvent` writes
// only into a draft the caller owns (used by folds to stay linear over long logs).
import type { DomainEvent } from "./events";
import { applyTransition, cancel, fulfil } from "./obligation";
import type { Light, Obligation, ObligationKind } from "./schemas/obligation";

export interface ObligationState {
  byId: Record<string, Obligation>;
}

export function emptyObligationState(): ObligationState {
  return { byId: {} };
}

export function cloneObligationState(s: ObligationState): ObligationState {
  return { byId: { ...s.byId } };
}

/** Applies one event to a draft the caller owns. Unrelated events are ignored; duplicates are no-ops. */
export function applyObligationEvent(draft: ObligationState, e: DomainEvent): void {
  switch (e.type) {
    case "obligation.opened": {
      const ob = e.data.obligation;
      if (draft.byId[ob.id] === undefined) draft.byId[ob.id] = ob;
      return;
    }
    case "obligation.fulfilled": {
      const ob = draft.byId[e.data.id];
      if (ob !== undefined) draft.byId[ob.id] = fulfil(ob, e.at);
      return;
    }
    case "obligation.cancelled": {
      const ob = draft.byId[e.data.id];
      if (ob !== undefined) draft.byId[ob.id] = cancel(ob);
      return;
    }
    case "deadline.yellow":
    case "deadline.red":
    case "obligation.escalated": {
      const ob = draft.byId[e.data.id];
      if (ob !== undefined) draft.byId[ob.id] = applyTransition(ob, e);
      return;
    }
    default:
      return;
  }
}

export function reduceObligations(state: ObligationState, e: DomainEvent): ObligationState {
  const next = cloneObligationState(state);
  applyObligationEvent(next, e);
  return next;
}

export function openObligations(state: ObligationState): Obligation[] {
  return Object.values(state.byId).filter((o) => o.status === "open");
}

export interface ObligationFilter {
  kind?: ObligationKind;
  owner?: string;
  prisonId?: string;
  /** Only obligations escalated to this role (the commander's or the chief's queue). */
  escalatedTo?: string;
  light?: Light;
  openOnly?: boolean;
}

/** Obligations matching every given filter, most urgent first (red before yellow, then earliest redAt). */
export function selectObligations(state: ObligationState, f: ObligationFilter = {}): Obligation[] {
  const rank: Record<Light, number> = { red: 0, yellow: 1, green: 2 };
  return Object.values(state.byId)
    .filter(
      (o) =>
        (f.kind === undefined || o.kind === f.kind) &&
        (f.owner === undefined || o.owner === f.owner) &&
        (f.prisonId === undefined || o.prisonId === f.prisonId) &&
        (f.escalatedTo === undefined || o.escalatedTo.includes(f.escalatedTo)) &&
        (f.light === undefined || o.light === f.light) &&
        (f.openOnly !== true || o.status === "open"),
    )
    .sort((a, b) => rank[a.light] - rank[b.light] || a.redAt - b.redAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
