// The roll-call reports, folded from rollcall.reported events: by id, by source (duplicates), by slot.
// A slot may be reported once for the whole block or once per sub-block; a later report for the same
// (slot, sub-block) is a correction and replaces the earlier one in the slot's view.
import type { DomainEvent, EventMap } from "../events";
import { slotKey } from "./slot";

export type RollCallReport = EventMap["rollcall.reported"] & {
  /**
   * When it was received (lateness is judged on this, not the source's clock): the event time, or the
   * forwarding gateway's earlier receipt (`heardAt`: a report an edge held during a link outage).
   */
  receivedAt: number;
  slotKey: string;
};

export interface RollCallsState {
  reports: Record<string, RollCallReport>;
  /** `${prisonId}\u0000${sourceId}` → report id. */
  bySource: Record<string, string>;
  /** slot key → (subBlockId or "" for the whole block) → latest report id. */
  bySlot: Record<string, Record<string, string>>;
}

export function emptyRollCallsState(): RollCallsState {
  return { reports: {}, bySource: {}, bySlot: {} };
}

export function cloneRollCallsState(s: RollCallsState): RollCallsState {
  return { reports: { ...s.reports }, bySource: { ...s.bySource }, bySlot: { ...s.bySlot } };
}

/** When a report was received, for lateness: the forwarder's receipt if earlier than the event's time. */
export function heardAt(e: { at: number; data: { heardAt?: number | undefined } }): number {
  return Math.min(e.data.heardAt ?? e.at, e.at);
}

export function applyRollCallEvent(draft: RollCallsState, e: DomainEvent): void {
  if (e.type !== "rollcall.reported") return;
  const d = e.data;
  const sourceKey = `${d.prisonId}\u0000${d.sourceId}`;
  if (draft.reports[d.id] !== undefined || draft.bySource[sourceKey] !== undefined) return;
  const key = slotKey(d.date, d.prisonId, d.blockId, d.checkpoint);
  draft.reports[d.id] = { ...d, receivedAt: heardAt(e), slotKey: key };
  draft.bySource[sourceKey] = d.id;
  draft.bySlot[key] = { ...draft.bySlot[key], [d.subBlockId ?? ""]: d.id };
}

/** The current reports of a slot (latest per sub-block), or [] when it has none. */
export function slotReports(state: RollCallsState, key: string): RollCallReport[] {
  const bySub = state.bySlot[key];
  if (bySub === undefined) return [];
  return Object.values(bySub)
    .map((id) => state.reports[id])
    .filter((r): r is RollCallReport => r !== undefined);
}
