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

/**
 * Ids of the open obligations of a `byId` record, built on first use and kept in step by
 * applyObligationEvent (the only writer). The clock reads the open ones every second: scanning every
 * obligation ever opened made that tick cost tens of milliseconds at 100 k alarms. A side table (not a
 * field) so states stay plain data that compare and serialise as before.
 */
const openIndex = new WeakMap<Record<string, Obligation>, Set<string>>();

function track(byId: Record<string, Obligation>, ob: Obligation): void {
  const open = openIndex.get(byId);
  if (!open) return;
  if (ob.status === "open") open.add(ob.id);
  else open.delete(ob.id);
}

/** Applies one event to a draft the caller owns. Unrelated events are ignored; duplicates are no-ops. */
export function applyObligationEvent(draft: ObligationState, e: DomainEvent): void {
  switch (e.type) {
    case "obligation.opened": {
      const ob = e.data.obligation;
      if (draft.byId[ob.id] === undefined) {
        draft.byId[ob.id] = ob;
        track(draft.byId, ob);
      }
      return;
    }
    case "obligation.fulfilled": {
      const ob = draft.byId[e.data.id];
      if (ob !== undefined) {
        const next = fulfil(ob, e.at);
        draft.byId[ob.id] = next;
        track(draft.byId, next);
      }
      return;
    }
    case "obligation.cancelled": {
      const ob = draft.byId[e.data.id];
      if (ob !== undefined) {
        const next = cancel(ob);
        draft.byId[ob.id] = next;
        track(draft.byId, next);
      }
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
  let open = openIndex.get(state.byId);
  if (!open) {
    open = new Set(Object.values(state.byId).flatMap((o) => (o.status === "open" ? [o.id] : [])));
    openIndex.set(state.byId, open);
  }
  const out: Obligation[] = [];
  for (const id of open) {
    const ob = state.byId[id];
    if (ob?.status === "open") out.push(ob);
  }
  return out;
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
