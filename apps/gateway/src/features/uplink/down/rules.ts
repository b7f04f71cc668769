// Which of the bureau's events go down to a prison's edge, and as what (docs/api/uplink.md "Down"): an
// order (only its receivers in that prison), and an acknowledgement or resolution by the bureau of an
// alarm that edge forwarded (sourceId `edge:<edge alarm id>`). Pure, given lookups into the bureau's state.
// Never sends down what the edge itself sent up (actor `feed:<prison>`): that would echo.
import type { Alarm } from "@cw/alerts";
import type { LoggedEvent } from "../../../events/map";
import type { DownItem } from "./wire";

export interface DownLookups {
  alarm(id: string): Pick<Alarm, "prisonId" | "sourceId"> | undefined;
  nameOf(actor: string | null): string;
}

export interface DownRules {
  /** The prisons whose edges get this event (empty: none). */
  prisonsOf(e: LoggedEvent): string[];
  /** What an edge of `prisonId` gets for the event, or null. */
  itemFor(e: LoggedEvent, prisonId: string): DownItem | null;
}

/** The edge's alarm id behind a bureau sourceId, or null (not an edge's, or hashed beyond recovery). */
export function edgeAlarmId(sourceId: string): string | null {
  return sourceId.startsWith("edge:") && !sourceId.startsWith("edge:h:") ? sourceId.slice(5) : null;
}

export function downRules(look: DownLookups): DownRules {
  const handledAlarm = (e: LoggedEvent) => {
    if (e.type !== "alarm.acknowledged" && e.type !== "alarm.resolved") return null;
    if (e.actor?.startsWith("feed:")) return null;
    const a = look.alarm(e.data.id);
    const edgeId = a === undefined ? null : edgeAlarmId(a.sourceId);
    return a === undefined || edgeId === null ? null : { prisonId: a.prisonId, edgeId };
  };
  return {
    prisonsOf(e) {
      if (e.type === "order.issued") return [...new Set(e.data.receivers.map((r) => r.prisonId))];
      const h = handledAlarm(e);
      return h === null ? [] : [h.prisonId];
    },
    itemFor(e, prisonId) {
      if (e.type === "order.issued") {
        const receivers = e.data.receivers.filter((r) => r.prisonId === prisonId);
        return receivers.length === 0 ? null : { seq: e.seq, kind: "order", order: { ...e.data, receivers } };
      }
      const h = handledAlarm(e);
      if (h === null || h.prisonId !== prisonId) return null;
      if (e.type !== "alarm.acknowledged" && e.type !== "alarm.resolved") return null;
      return {
        seq: e.seq,
        kind: "alarm.handled",
        alarmId: h.edgeId,
        handled: e.type === "alarm.acknowledged" ? "acknowledged" : "resolved",
        at: e.at,
        by: look.nameOf(e.actor).slice(0, 128),
        note: e.data.note,
        disposition: e.type === "alarm.resolved" ? e.data.disposition : null,
      };
    },
  };
}
