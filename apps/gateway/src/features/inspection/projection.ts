// The inspection record folded from the log: replayed at start through apply(), then kept current by
// the core's subscription. Owns one InspectionState draft; never writes the log, never decides.
import { applyInspectionEvent, emptyInspectionState, type InspectionState, parseEvent } from "@cw/alerts";
import type { LoggedEvent } from "../../events/map";

/** The record's own events (the draw's alarm weights read the control plane's state instead). */
const isInspectionType = (type: string): boolean =>
  type.startsWith("inspection.") || type.startsWith("finding.") || type.startsWith("rectification.");

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

  /**
   * Folds one logged event; true when it was an inspection event (applied or ignored by the reducer).
   * Unlike the other projections it parses what it folds (a few events a day): a journal line edited
   * after the fact that no longer fits its schema is skipped, and the verify page says so.
   */
  fold(e: LoggedEvent): boolean {
    if (!isInspectionType(e.type)) return false;
    const parsed = parseEvent({ type: e.type, at: e.at, actor: e.actor, data: e.data });
    if (!parsed.ok) return false;
    applyInspectionEvent(this.draft, parsed.value);
    return true;
  }
}
