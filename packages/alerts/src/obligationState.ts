// The fold of obligation events: every obligation by id, with its recorded light and escalations.
// Reducers never mutate a published state: `reduceObligations` copies, `applyObligationEvent` writes
// only into a draft the caller owns (used by folds to stay linear over long logs).
import type { DomainEvent } from "./events";
import { applyTransition, cancel, fulfil } from "./obligation";
import type { Light, Obligation, ObligationKind } from "./schemas/obligation";
import { lightRank } from "./schemas/obligation";

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
 * The open obligations of a `byId` record, built on first use and kept in step by applyObligationEvent
 * (the only writer): their ids, and a min-heap of (next threshold, id) so the clock pops only what is due.
 * The clock runs every second: scanning every obligation ever opened made that tick cost tens of
 * milliseconds at 100 k alarms, and even scanning only the open ones cost 16 ms a tick (75 ms worst) at
 * 60 k open alarms. A side table (not a field) so states stay plain data that compare and serialise as
 * before. Heap entries are never removed in place: one whose obligation closed, or whose next threshold
 * moved on, is dropped when popped.
 */
interface OpenIndex {
  ids: Set<string>;
  ats: number[];
  keys: string[];
}
const openIndex = new WeakMap<Record<string, Obligation>, OpenIndex>();

/** When the obligation's next recorded transition falls due (Infinity: none left, or not open). */
export function nextDueAt(ob: Obligation): number {
  if (ob.status !== "open") return Number.POSITIVE_INFINITY;
  let at = Number.POSITIVE_INFINITY;
  if (lightRank[ob.light] < lightRank.yellow) at = Math.min(at, ob.yellowAt);
  if (lightRank[ob.light] < lightRank.red) at = Math.min(at, ob.redAt);
  const step = ob.escalation[ob.escalatedTo.length];
  if (step !== undefined) at = Math.min(at, ob.redAt + step.afterMs);
  return at;
}

function heapPush(ix: OpenIndex, at: number, id: string): void {
  if (at === Number.POSITIVE_INFINITY) return;
  let i = ix.ats.length;
  ix.ats.push(at);
  ix.keys.push(id);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((ix.ats[parent] as number) <= at) break;
    ix.ats[i] = ix.ats[parent] as number;
    ix.keys[i] = ix.keys[parent] as string;
    i = parent;
  }
  ix.ats[i] = at;
  ix.keys[i] = id;
}

function heapPop(ix: OpenIndex): void {
  const lastAt = ix.ats.pop() as number;
  const lastKey = ix.keys.pop() as string;
  const n = ix.ats.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && (ix.ats[r] as number) < (ix.ats[l] as number) ? r : l;
    if ((ix.ats[c] as number) >= lastAt) break;
    ix.ats[i] = ix.ats[c] as number;
    ix.keys[i] = ix.keys[c] as string;
    i = c;
  }
  ix.ats[i] = lastAt;
  ix.keys[i] = lastKey;
}

function indexOf(byId: Record<string, Obligation>): OpenIndex {
  let ix = openIndex.get(byId);
  if (!ix) {
    ix = { ids: new Set(), ats: [], keys: [] };
    for (const o of Object.values(byId)) {
      if (o.status !== "open") continue;
      ix.ids.add(o.id);
      heapPush(ix, nextDueAt(o), o.id);
    }
    openIndex.set(byId, ix);
  }
  return ix;
}

function track(byId: Record<string, Obligation>, ob: Obligation): void {
  const ix = openIndex.get(byId);
  if (!ix) return;
  if (ob.status === "open") {
    ix.ids.add(ob.id);
    heapPush(ix, nextDueAt(ob), ob.id);
  } else ix.ids.delete(ob.id);
  // Stale entries pile up only as fast as events arrive; rebuild when they outnumber the open ones 4 to 1.
  if (ix.ats.length > 1024 && ix.ats.length > 4 * ix.ids.size) {
    openIndex.delete(byId);
    indexOf(byId);
  }
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
      if (ob !== undefined) {
        const next = applyTransition(ob, e);
        draft.byId[ob.id] = next;
        if (next !== ob) track(draft.byId, next);
      }
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
  const out: Obligation[] = [];
  for (const id of indexOf(state.byId).ids) {
    const ob = state.byId[id];
    if (ob?.status === "open") out.push(ob);
  }
  return out;
}

/**
 * The open obligations with a transition due at `now` (each once), from the heap: proportional to what is
 * due, not to what is open. What it returns stays in the heap until the transitions are folded (a tick
 * whose append failed finds them again next time); `due(dueObligations(s, now), now)` equals
 * `due(openObligations(s), now)`.
 */
export function dueObligations(state: ObligationState, now: number): Obligation[] {
  const ix = indexOf(state.byId);
  const out: Obligation[] = [];
  const seen = new Set<string>();
  const keep: Array<[number, string]> = [];
  while (ix.ats.length > 0 && (ix.ats[0] as number) <= now) {
    const at = ix.ats[0] as number;
    const id = ix.keys[0] as string;
    heapPop(ix);
    const ob = state.byId[id];
    // Dropped: closed, or a newer entry holds its next threshold.
    if (ob === undefined || ob.status !== "open" || nextDueAt(ob) !== at || seen.has(id)) continue;
    seen.add(id);
    out.push(ob);
    keep.push([at, id]);
  }
  for (const [at, id] of keep) heapPush(ix, at, id);
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
