// Read views of the control state for the wire (@cw/protocol's alarm, board cell and obligation
// schemas). The assignments below are the compile-time check that the domain's records fit the wire
// shapes. Pure: `now` is an argument (lights are computed at send time, frozen once handled).
import {
  type Alarm,
  alarmLightAt,
  type BoardCell,
  escalatedAt,
  lightAt,
  type Obligation,
  type RollCallReport,
} from "@cw/alerts";
import type { AlarmView, BoardCellView, ObligationView, RollCallReportView } from "@cw/protocol";

export function alarmView(a: Alarm, now: number): AlarmView {
  const view: AlarmView = {
    id: a.id,
    prisonId: a.prisonId,
    sourceId: a.sourceId,
    origin: a.origin,
    type: a.type,
    severity: a.severity,
    occurredAt: a.occurredAt,
    raisedAt: a.raisedAt,
    blockId: a.blockId,
    subBlockId: a.subBlockId,
    cameraId: a.cameraId,
    cameraWithheld: false,
    title: a.title,
    description: a.description,
    hasSnapshot: a.hasSnapshot,
    state: a.state,
    count: a.count,
    lastOccurredAt: a.lastOccurredAt,
    // A state snapshot from before issue 18 has no `via` on its records.
    ack: a.ack === null ? null : { ...a.ack, via: a.ack.via ?? null },
    resolution: a.resolution === null ? null : { ...a.resolution, via: a.resolution.via ?? null },
    clearedAt: a.clearedAt,
    yellowAt: a.yellowAt,
    redAt: a.redAt,
    light: alarmLightAt(a, now),
    escalatedTo: a.escalatedTo,
  };
  return view;
}

export function cellView(c: BoardCell, date: string): BoardCellView {
  return { ...c, date };
}

export function reportView(r: RollCallReport): RollCallReportView {
  return {
    id: r.id,
    sourceId: r.sourceId,
    subBlockId: r.subBlockId,
    reportedAt: r.reportedAt,
    receivedAt: r.receivedAt,
    expected: r.expected,
    present: r.present,
    absentees: r.absentees,
  };
}

export function obligationView(o: Obligation, now: number): ObligationView {
  return {
    id: o.id,
    kind: o.kind,
    subject: o.subject,
    owner: o.owner,
    prisonId: o.prisonId,
    status: o.status,
    openedAt: o.openedAt,
    yellowAt: o.yellowAt,
    redAt: o.redAt,
    light: lightAt(o, now),
    escalatedTo: escalatedAt(o, now),
  };
}
