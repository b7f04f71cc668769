// The batch entry point: figures of an event log for a window and a unit. The same fold the live
// gateway runs event by event (reduce.ts), read the same way (read.ts): incremental = batch.
import type { Figures } from "@cw/protocol";
import type { DomainEvent } from "../events";
import type { FigureWindow } from "./read";
import { readFigures } from "./read";
import { foldFigures } from "./reduce";

export interface FigureOptions extends FigureWindow {
  /** The fixed UTC offset of local hours and dates (China: 480). */
  tzOffsetMin: number;
}

/** Key figures of the events: counts by type/prison/hour, MTTA/MTTR, roll calls, orders, inspections. */
export function figures(events: Iterable<DomainEvent>, opts: FigureOptions): Figures {
  return readFigures(foldFigures(events, { tzOffsetMin: opts.tzOffsetMin }), opts);
}
