// Recording state folded from the log: each camera's plan, the evidence clips and their exports, and an
// index of alarms by camera (the timeline's markers, answered without scanning every alarm). A snapshot
// part like the other projections. Changes only through apply() of typed events (events/map.ts).
import type { Evidence, EvidenceExport, RecordingPlan } from "@cw/protocol";
import { shownActor } from "../events/actor";
import type { LoggedEvent } from "../events/map";

export interface PlanRecord {
  plan: RecordingPlan;
  prisonId: string;
  setAt: number;
  setBy: string | null;
}

export interface AlarmMark {
  id: string;
  at: number;
  type: string;
}

interface State {
  plans: Map<string, PlanRecord>;
  evidence: Map<string, Evidence>;
  alarms: Map<string, AlarmMark[]>;
}

export const exportUrl = (evidenceId: string, n: number, ext: "mp4" | "json"): string =>
  `/api/v1/evidence/${evidenceId}/exports/${n}.${ext}`;

export class RecordingProjection {
  private s: State = { plans: new Map(), evidence: new Map(), alarms: new Map() };

  fold(e: LoggedEvent): void {
    switch (e.type) {
      case "recording.plan.set":
        this.s.plans.set(e.data.cameraId, {
          plan: e.data.plan,
          prisonId: e.data.prisonId,
          setAt: e.at,
          setBy: shownActor(e.actor),
        });
        return;
      case "evidence.created":
        this.s.evidence.set(e.data.id, {
          ...e.data,
          createdBy: shownActor(e.actor) ?? "system",
          createdAt: e.at,
          exports: [],
        });
        return;
      case "evidence.exported": {
        const ev = this.s.evidence.get(e.data.evidenceId);
        if (!ev) return;
        const x: EvidenceExport = {
          n: e.data.n,
          mp4: exportUrl(ev.id, e.data.n, "mp4"),
          manifest: exportUrl(ev.id, e.data.n, "json"),
          sha256: e.data.sha256,
          bytes: e.data.bytes,
          exportedBy: shownActor(e.actor) ?? "system",
          exportedAt: e.at,
        };
        this.s.evidence.set(ev.id, { ...ev, exports: [...ev.exports, x] });
        return;
      }
      case "alarm.raised": {
        const { id, cameraId, type } = e.data;
        if (cameraId === null) return;
        const at = e.data.occurredAt;
        const list = this.s.alarms.get(cameraId) ?? [];
        let i = list.length;
        while (i > 0 && list[i - 1]!.at > at) i--; // nearly always appended
        list.splice(i, 0, { id, at, type });
        this.s.alarms.set(cameraId, list);
        return;
      }
    }
  }

  plan(cameraId: string): PlanRecord | undefined {
    return this.s.plans.get(cameraId);
  }

  plans(): ReadonlyMap<string, PlanRecord> {
    return this.s.plans;
  }

  evidence(id: string): Evidence | undefined {
    return this.s.evidence.get(id);
  }

  allEvidence(): IterableIterator<Evidence> {
    return this.s.evidence.values();
  }

  /** Alarm markers of a camera within [from, to). */
  alarms(cameraId: string, from: number, to: number): AlarmMark[] {
    const list = this.s.alarms.get(cameraId) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.at < from) lo = mid + 1;
      else hi = mid;
    }
    const out: AlarmMark[] = [];
    for (let i = lo; i < list.length && list[i]!.at < to; i++) out.push(list[i]!);
    return out;
  }

  snapshot(): State {
    return this.s;
  }

  restore(data: unknown): void {
    const d = data as Partial<State> | null;
    if (!(d?.plans instanceof Map && d.evidence instanceof Map && d.alarms instanceof Map))
      throw new Error("recording snapshot part has the wrong shape");
    this.s = { plans: d.plans, evidence: d.evidence, alarms: d.alarms };
  }
}
