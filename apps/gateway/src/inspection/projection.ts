// The inspection record folded from the log: replayed at start through apply(), then kept current by
// the core's subscription. Owns one InspectionState draft; never writes the log, never decides.
import { applyInspectionEvent, emptyInspectionState, type InspectionState } from "@cw/alerts";
import type { StoredEvent } from "../eventlog/types";
import { fromLogEvent, isInspectionType } from "./logEvents";

export class InspectionProjection {
  private draft: InspectionState = emptyInspectionState();

  /** The current record; read-only for callers. */
  get state(): InspectionState {
    return this.draft;
  }

  snapshot(): InspectionState {
    return this.draft;
  }

  restore(data: unknown): void {
    this.draft = data as InspectionState;
  }

  /** Folds one logged event; true when it was an inspection event (applied or ignored by the reducer). */
  apply(e: StoredEvent): boolean {
    if (!isInspectionType(e.type)) return false;
    const d = fromLogEvent(e);
    if (d === null) return false;
    applyInspectionEvent(this.draft, d);
    return true;
  }
}
