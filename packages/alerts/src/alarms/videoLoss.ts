// Video loss, decided from stream health: a camera whose every reported variant is stalled, offline or error
// raises one video_loss alarm (one per camera while lost); a live variant clears it. `idle` and
// `starting` say nothing about the picture (on-demand streams idle when nobody watches), so they change
// nothing. Pure: the gateway passes the health snapshot, the time and where each camera sits.
import type { StreamHealth } from "@cw/protocol";
import type { DomainEvent } from "../events";
import { makeEvent, SYSTEM_ACTOR } from "../events";
import type { AlertsPolicy } from "../policy";
import { defaultPolicy } from "../policy";
import type { AlarmsState } from "./alarm";
import { sourceKey } from "./alarm";
import { fulfilAck, raiseAlarm } from "./raise";

export interface CameraPlace {
  prisonId: string;
  blockId: string | null;
  subBlockId: string | null;
}

export interface StreamHealthContext {
  now: number;
  newId: () => string;
  /** Where a camera sits in the catalogue; undefined for a camera the catalogue no longer has. */
  cameraOf: (cameraId: string) => CameraPlace | undefined;
  policy?: AlertsPolicy;
}

type Picture = "lost" | "back" | "unknown";

/** One camera's picture from all its variants' health. */
export function pictureOf(variants: readonly Pick<StreamHealth, "state">[]): Picture {
  if (variants.some((h) => h.state === "live")) return "back";
  const gone = (h: Pick<StreamHealth, "state">): boolean =>
    h.state === "stalled" || h.state === "offline" || h.state === "error";
  if (variants.length > 0 && variants.every(gone)) return "lost";
  return "unknown";
}

export function decideStreamHealth(
  state: AlarmsState,
  health: readonly StreamHealth[],
  ctx: StreamHealthContext,
): DomainEvent[] {
  const policy = ctx.policy ?? defaultPolicy;
  const byCamera = new Map<string, StreamHealth[]>();
  for (const h of health) byCamera.set(h.cameraId, [...(byCamera.get(h.cameraId) ?? []), h]);
  const out: DomainEvent[] = [];
  // Sorted so the same snapshot always yields the same events in the same order.
  for (const cameraId of [...byCamera.keys()].sort()) {
    const variants = byCamera.get(cameraId) ?? [];
    const picture = pictureOf(variants);
    const lostAlarm = state.lostCameras[cameraId];
    if (picture === "back" && lostAlarm !== undefined) {
      out.push(...clear(state, lostAlarm, ctx.now));
    } else if (picture === "lost" && lostAlarm === undefined) {
      const place = ctx.cameraOf(cameraId);
      if (place === undefined) continue;
      const sourceId = `video_loss:${cameraId}:${ctx.now}`;
      if (state.bySource[sourceKey(place.prisonId, sourceId)] !== undefined) continue;
      const error = variants.find((h) => h.error !== null)?.error ?? null;
      const data = {
        id: ctx.newId(),
        prisonId: place.prisonId,
        sourceId,
        origin: "stream_health" as const,
        type: "video_loss" as const,
        severity: policy.alarms.videoLossSeverity,
        occurredAt: ctx.now,
        blockId: place.blockId,
        subBlockId: place.subBlockId,
        cameraId,
        title: null,
        description: error,
        snapshot: null,
      };
      out.push(...raiseAlarm(data, policy.obligations, ctx.now, SYSTEM_ACTOR));
    }
  }
  return out;
}

function clear(state: AlarmsState, alarmId: string, now: number): DomainEvent[] {
  const a = state.byId[alarmId];
  const cleared = makeEvent("alarm.cleared", now, SYSTEM_ACTOR, { id: alarmId, reason: "picture returned" });
  // Nobody needs to acknowledge a loss that ended by itself; the log still shows it happened.
  return [cleared, ...(a === undefined ? [] : fulfilAck(a, now, SYSTEM_ACTOR))];
}
