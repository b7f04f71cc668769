// The alarm as the duty console sees it (a projection of its events), the alarms state, and the live
// light of an alarm. The snapshot is kept beside the record, not in it, so lists stay small.
import type { AlarmOrigin, HandledVia } from "../events";
import type { AlarmStatus, AlarmType, Disposition, Severity } from "../schemas/alarm";
import type { Light } from "../schemas/obligation";
import { lightRank } from "../schemas/obligation";

export interface Alarm {
  id: string;
  prisonId: string;
  /** The source system's id: the same sourceId in the same prison is this alarm again. */
  sourceId: string;
  origin: AlarmOrigin;
  type: AlarmType;
  severity: Severity;
  /** When it happened by the source's clock. */
  occurredAt: number;
  /** When we raised it (our clock): the age for the queue and the deadlines count from here. */
  raisedAt: number;
  blockId: string | null;
  subBlockId: string | null;
  cameraId: string | null;
  title: string | null;
  description: string | null;
  hasSnapshot: boolean;
  state: AlarmStatus;
  /** How many times the source sent it (1 + repeats). */
  count: number;
  lastOccurredAt: number;
  /** `via`: handled at the other level (an edge's centre, or the bureau's), else null. */
  ack: { at: number; by: string; note: string; via: HandledVia | null } | null;
  resolution: { at: number; by: string; disposition: Disposition; note: string; via: HandledVia | null } | null;
  clearedAt: number | null;
  /** The acknowledge obligation and its thresholds (null until its obligation.opened is folded). */
  ackObligationId: string | null;
  yellowAt: number | null;
  redAt: number | null;
  /** Light and escalations as recorded by events; alarmLightAt() gives the live light. */
  light: Light;
  escalatedTo: string[];
}

export interface AlarmsState {
  byId: Record<string, Alarm>;
  /** `${prisonId}\u0000${sourceId}` → alarm id: the duplicate check. */
  bySource: Record<string, string>;
  /** cameraId → id of the video-loss alarm while its picture is gone (one per camera). */
  lostCameras: Record<string, string>;
  /** alarm id → base64 JPEG. */
  snapshots: Record<string, string>;
}

export function emptyAlarmsState(): AlarmsState {
  return { byId: {}, bySource: {}, lostCameras: {}, snapshots: {} };
}

/** A shallow copy whose maps the caller may write (records inside are replaced, never mutated). */
export function cloneAlarmsState(s: AlarmsState): AlarmsState {
  return {
    byId: { ...s.byId },
    bySource: { ...s.bySource },
    lostCameras: { ...s.lostCameras },
    snapshots: { ...s.snapshots },
  };
}

export function sourceKey(prisonId: string, sourceId: string): string {
  return `${prisonId}\u0000${sourceId}`;
}

/** Still in the queue: open or acknowledged (resolved and cleared are final). Also for the wire's AlarmView. */
export function isActive(a: { readonly state: string }): boolean {
  return a.state === "open" || a.state === "acknowledged";
}

/** When the acknowledge clock stopped: acknowledged, resolved or cleared, whichever came first. */
export function ackClockStoppedAt(a: Alarm): number | null {
  return a.ack?.at ?? a.resolution?.at ?? a.clearedAt;
}

/** The badge light at `now`: by its thresholds, frozen once handled, never below the recorded one. */
export function alarmLightAt(a: Alarm, now: number): Light {
  if (a.yellowAt === null || a.redAt === null) return a.light;
  const t = Math.min(now, ackClockStoppedAt(a) ?? now);
  const byTime: Light = t >= a.redAt ? "red" : t >= a.yellowAt ? "yellow" : "green";
  return lightRank[byTime] >= lightRank[a.light] ? byTime : a.light;
}
