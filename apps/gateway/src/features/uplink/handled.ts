// An edge's acknowledgement or resolution of an alarm it forwarded, as the record the uplink sends up
// (POST /api/v1/feeds/{prisonId}/alarm-handling, docs/api/uplink.md "Acknowledgements across levels"):
// the bureau's sourceId of the alarm (`edge:<edge alarm id>`), what was done, when, by whom (the
// display name: the bureau shows "已确认（盘锦监狱指挥中心，张三）"). Pure. Never maps a handling the
// bureau itself sent down (actor `system:upper`): it came from there, sending it back would echo.
import type { LoggedEvent } from "../../events/map";
import type { UplinkItem, UplinkLookups } from "./record";
import { UPPER_ACTOR } from "./upper";

type Handling = LoggedEvent<"alarm.acknowledged" | "alarm.resolved">;

/** Whether an event is an edge's own handling of an alarm the uplink forwards. */
export function isHandledUp(e: Pick<LoggedEvent, "type" | "data" | "actor">, look: UplinkLookups): boolean {
  if (e.type !== "alarm.acknowledged" && e.type !== "alarm.resolved") return false;
  if (e.actor === UPPER_ACTOR) return false;
  return look.upAlarm((e.data as { id: string }).id) !== null;
}

export function handledItem(e: Handling, look: UplinkLookups): UplinkItem | null {
  const prisonId = look.upAlarm(e.data.id);
  if (prisonId === null) return null;
  const alarmSource = `edge:${e.data.id}`;
  const kind = e.type === "alarm.acknowledged" ? "acknowledged" : "resolved";
  const sourceId = `${alarmSource}:${kind}`;
  const body: Record<string, unknown> = {
    sourceId: alarmSource,
    kind,
    at: e.at,
    by: look.nameOf(e.actor).slice(0, 128),
    note: e.data.note,
    ...(e.type === "alarm.resolved" ? { disposition: e.data.disposition } : {}),
  };
  return { seq: e.seq, kind: "handled", prisonId, path: "alarm-handling", sourceId, body, snapshotRef: null };
}
