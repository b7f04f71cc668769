// Recording state folded from the log: each camera's plan, the evidence clips and their exports, and an
// index of alarms by camera (the timeline's markers, answered without scanning every alarm). A snapshot
// part like the other projections. Changes only through apply(); a malformed event (hand-edited log) is
// skipped, never fatal.
import type { Evidence, EvidenceExport, RecordingPlan } from "@cw/protocol";
import type { StoredEvent } from "../eventlog/types";
import { recordingEventTypes as T, zEvidenceCreated, zEvidenceExported, zPlanSet } from "./events";

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

  apply(e: StoredEvent): void {
    switch (e.type) {
      case T.planSet: {
        const p = zPlanSet.safeParse(e.data);
        if (p.success)
          this.s.plans.set(p.data.cameraId, {
            plan: p.data.plan,
            prisonId: p.data.prisonId,
            setAt: e.at,
            setBy: e.actor,
          });
        return;
      }
      case T.evidenceCreated: {
        const p = zEvidenceCreated.safeParse(e.data);
        if (p.success)
          this.s.evidence.set(p.data.id, { ...p.data, createdBy: e.actor ?? "system", createdAt: e.at, exports: [] });
        return;
      }
      case T.evidenceExported: {
        const p = zEvidenceExported.safeParse(e.data);
        const ev = p.success ? this.s.evidence.get(p.data.evidenceId) : undefined;
        if (!p.success || !ev) return;
        const x: EvidenceExport = {
          n: p.data.n,
          mp4: exportUrl(ev.id, p.data.n, "mp4"),
          manifest: exportUrl(ev.id, p.data.n, "json"),
          sha256: p.data.sha256,
          bytes: p.data.bytes,
          exportedBy: e.actor ?? "system",
          exportedAt: e.at,
        };
        this.s.evidence.set(ev.id, { ...ev, exports: [...ev.exports, x] });
        return;
      }
      case "alarm.raised": {
        const d = e.data as { id?: unknown; cameraId?: unknown; occurredAt?: unknown; type?: unknown };
        if (typeof d.id !== "string" || typeof d.cameraId !== "string" || typeof d.type !== "string") return;
        const at = typeof d.occurredAt === "number" ? d.occurredAt : e.at;
        const list = this.s.alarms.get(d.cameraId) ?? [];
        let i = list.length;
        while (i > 0 && list[i - 1]!.at > at) i--; // nearly always appended
        list.splice(i, 0, { id: d.id, at, type: d.type });
        this.s.alarms.set(d.cameraId, list);
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
