// What the live `inspection` topic says about a logged event: its type, the day, the inspection and the
// finding it concerns, and the finding's prison (who may hear it). Pure: a typed event and the record.
import type { InspectionState } from "@cw/alerts";
import type { InspectionChange } from "@cw/protocol";
import type { LoggedEvent } from "../../events/map";

type Refs = { date: string | null; inspectionId: string | null; findingId: string | null };

/** The ids an event of the inspection record names itself (null: not an inspection record event). */
function refsOf(e: LoggedEvent): Refs | null {
  switch (e.type) {
    case "inspection.committed":
      return { date: e.data.date, inspectionId: null, findingId: null };
    case "inspection.drawn":
    case "inspection.redrawn":
    case "inspection.adhoc":
      return { date: e.data.date, inspectionId: e.data.id, findingId: null };
    case "inspection.checked":
    case "inspection.completed":
      return { date: null, inspectionId: e.data.inspectionId, findingId: null };
    case "finding.recorded":
      return { date: e.data.date, inspectionId: e.data.inspectionId, findingId: e.data.id };
    case "rectification.submitted":
    case "rectification.reviewed":
      return { date: null, inspectionId: null, findingId: e.data.findingId };
    default:
      return null;
  }
}

/** The live change an event makes, read after it was folded into `state`; null for other events. */
export function inspectionChange(e: LoggedEvent, state: InspectionState): InspectionChange | null {
  const refs = refsOf(e);
  if (refs === null) return null;
  const finding = refs.findingId === null ? undefined : state.findings[refs.findingId];
  const inspectionId = refs.inspectionId ?? finding?.inspectionId ?? null;
  const ins = inspectionId === null ? undefined : state.byId[inspectionId];
  return {
    type: e.type,
    date: refs.date ?? ins?.date ?? finding?.date ?? null,
    inspectionId,
    findingId: refs.findingId,
    prisonId: finding?.prisonId ?? null,
  };
}
