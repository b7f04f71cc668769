// The alarms reducer: alarm events, plus the obligation events whose subject is an alarm's
// acknowledgement (they carry its thresholds, light and escalations). Events that the state machine
// does not allow (acknowledging a resolved alarm) are ignored, so any log folds deterministically.
import type { DomainEvent } from "../events";
import { lightRank } from "../schemas/obligation";
import type { Alarm, AlarmsState } from "./alarm";
import { sourceKey } from "./alarm";

function update(draft: AlarmsState, id: string, f: (a: Alarm) => Alarm): void {
  const a = draft.byId[id];
  if (a !== undefined) draft.byId[id] = f(a);
}

/** Applies one event to a draft the caller owns (see cloneAlarmsState). */
export function applyAlarmEvent(draft: AlarmsState, e: DomainEvent): void {
  switch (e.type) {
    case "alarm.raised": {
      const d = e.data;
      const key = sourceKey(d.prisonId, d.sourceId);
      if (draft.byId[d.id] !== undefined || draft.bySource[key] !== undefined) return;
      draft.byId[d.id] = {
        id: d.id,
        prisonId: d.prisonId,
        sourceId: d.sourceId,
        origin: d.origin,
        type: d.type,
        severity: d.severity,
        occurredAt: d.occurredAt,
        raisedAt: e.at,
        blockId: d.blockId,
        subBlockId: d.subBlockId,
        cameraId: d.cameraId,
        title: d.title,
        description: d.description,
        hasSnapshot: d.snapshot !== null,
        state: "open",
        count: 1,
        lastOccurredAt: d.occurredAt,
        ack: null,
        resolution: null,
        clearedAt: null,
        ackObligationId: null,
        yellowAt: null,
        redAt: null,
        light: "green",
        escalatedTo: [],
      };
      draft.bySource[key] = d.id;
      if (d.snapshot !== null) draft.snapshots[d.id] = d.snapshot;
      if (d.type === "video_loss" && d.cameraId !== null && draft.lostCameras[d.cameraId] === undefined) {
        draft.lostCameras[d.cameraId] = d.id;
      }
      return;
    }
    case "alarm.repeated":
      update(draft, e.data.id, (a) => ({
        ...a,
        count: Math.max(a.count, e.data.count),
        lastOccurredAt: Math.max(a.lastOccurredAt, e.data.occurredAt),
      }));
      return;
    case "alarm.acknowledged":
      update(draft, e.data.id, (a) =>
        a.state === "open"
          ? { ...a, state: "acknowledged", ack: { at: e.at, by: e.actor, note: e.data.note, via: e.data.via ?? null } }
          : a,
      );
      return;
    case "alarm.resolved":
      update(draft, e.data.id, (a) =>
        a.state === "open" || a.state === "acknowledged"
          ? {
              ...a,
              state: "resolved",
              resolution: {
                at: e.at,
                by: e.actor,
                disposition: e.data.disposition,
                note: e.data.note,
                via: e.data.via ?? null,
              },
            }
          : a,
      );
      return;
    case "alarm.cleared": {
      const a = draft.byId[e.data.id];
      if (a === undefined) return;
      if (a.cameraId !== null && draft.lostCameras[a.cameraId] === a.id) delete draft.lostCameras[a.cameraId];
      if (a.clearedAt !== null) return;
      // A resolved alarm keeps its human disposition; only an active one becomes "cleared".
      draft.byId[a.id] = { ...a, clearedAt: e.at, state: a.state === "resolved" ? a.state : "cleared" };
      return;
    }
    case "obligation.opened": {
      const ob = e.data.obligation;
      if (ob.kind !== "alarm.ack") return;
      update(draft, ob.subject, (a) =>
        a.ackObligationId === null ? { ...a, ackObligationId: ob.id, yellowAt: ob.yellowAt, redAt: ob.redAt } : a,
      );
      return;
    }
    case "deadline.yellow":
    case "deadline.red": {
      if (e.data.kind !== "alarm.ack") return;
      const light = e.type === "deadline.red" ? "red" : "yellow";
      update(draft, e.data.subject, (a) =>
        a.ackObligationId === e.data.id && lightRank[a.light] < lightRank[light] ? { ...a, light } : a,
      );
      return;
    }
    case "obligation.escalated": {
      const d = e.data;
      if (d.kind !== "alarm.ack") return;
      update(draft, d.subject, (a) =>
        a.ackObligationId === d.id && a.escalatedTo.length === d.level
          ? { ...a, escalatedTo: [...a.escalatedTo, d.to] }
          : a,
      );
      return;
    }
    default:
      return;
  }
}
