// The overview projection: the figures state (@cw/alerts analysis) folded from the event log, at replay
// and live, one event at a time (never a refold). core.ts feeds it; views and reports read it. Owns
// only that state: no timers, no sockets, no HTTP.
import { applyFigures, emptyFigures, type FiguresState } from "@cw/alerts";
import { domainOf, type LoggedEvent } from "../../events/map";

export class OverviewProjection {
  readonly state: FiguresState;

  constructor(tzOffsetMin: number) {
    this.state = emptyFigures({ tzOffsetMin });
  }

  get version(): number {
    return this.state.version;
  }

  get tzOffsetMin(): number {
    return this.state.tzOffsetMin;
  }

  snapshot(): FiguresState {
    return this.state;
  }

  /** Into the same state object (views hold it). */
  restore(data: unknown): void {
    Object.assign(this.state, data as FiguresState);
  }

  fold(e: LoggedEvent): void {
    const d = domainOf(e);
    if (d !== null) applyFigures(this.state, d);
  }
}
