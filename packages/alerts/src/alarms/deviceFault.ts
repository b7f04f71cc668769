// Device faults of the gateway's own equipment — recording stopped because the disk is full, the quota
// is reached or writes fail — as alarms: one per affected prison (its operators see their recording
// stopped), raised once while the fault lasts, cleared when recording resumes. Pure: the gateway passes
// the prisons, the fault and the time.
import type { DomainEvent } from "../events";
import { makeEvent, SYSTEM_ACTOR } from "../events";
import type { AlertsPolicy } from "../policy";
import { defaultPolicy } from "../policy";
import { type AlarmsState, isActive, sourceKey } from "./alarm";
import { fulfilAck, raiseAlarm } from "./raise";

/** Source ids of recording faults start with this (one alarm per prison and fault). */
export const RECORDING_FAULT_SOURCE = "recording_fault:";

export interface DeviceFaultContext {
  now: number;
  newId: () => string;
  policy?: AlertsPolicy;
}

export interface DeviceFault {
  /** disk_full | quota_full | write_failed */
  kind: string;
  message: string;
  /** Prisons whose recording stopped. */
  prisonIds: readonly string[];
}

function activeFaults(state: AlarmsState): Map<string, string> {
  const byPrison = new Map<string, string>();
  for (const a of Object.values(state.byId))
    if (a.type === "device_fault" && a.sourceId.startsWith(RECORDING_FAULT_SOURCE) && isActive(a))
      byPrison.set(a.prisonId, a.id);
  return byPrison;
}

export function decideRecordingFault(state: AlarmsState, fault: DeviceFault, ctx: DeviceFaultContext): DomainEvent[] {
  const policy = ctx.policy ?? defaultPolicy;
  const open = activeFaults(state);
  const out: DomainEvent[] = [];
  for (const prisonId of [...new Set(fault.prisonIds)].sort()) {
    if (open.has(prisonId)) continue;
    const sourceId = `${RECORDING_FAULT_SOURCE}${fault.kind}:${ctx.now}`;
    if (state.bySource[sourceKey(prisonId, sourceId)] !== undefined) continue;
    const data = {
      id: ctx.newId(),
      prisonId,
      sourceId,
      origin: "stream_health" as const,
      type: "device_fault" as const,
      severity: policy.alarms.deviceFaultSeverity,
      occurredAt: ctx.now,
      blockId: null,
      subBlockId: null,
      cameraId: null,
      title: null,
      description: `recording stopped (${fault.kind}): ${fault.message}`.slice(0, 2000),
      snapshot: null,
    };
    out.push(...raiseAlarm(data, policy.obligations, ctx.now, SYSTEM_ACTOR));
  }
  return out;
}

/** Recording works again: every open recording-fault alarm clears (nobody has to acknowledge it). */
export function decideRecordingRecovered(state: AlarmsState, now: number): DomainEvent[] {
  const out: DomainEvent[] = [];
  for (const id of [...activeFaults(state).values()].sort()) {
    const a = state.byId[id];
    out.push(makeEvent("alarm.cleared", now, SYSTEM_ACTOR, { id, reason: "recording resumed" }));
    if (a) out.push(...fulfilAck(a, now, SYSTEM_ACTOR));
  }
  return out;
}
