// Recording state folded from the log: each camera's plan, the evidence clips and their exports, and an
// index of alarms by camera (the timeline's markers, answered without scanning every alarm). A snapshot
// part like the other projections. Changes only through apply() of typed events (events/map.ts).
import {
  type CameraPlacement,
  type EffectivePlan,
  type Evidence,
  type EvidenceExport,
  effectivePlan,
  type PlanEntry,
  type PlanNode,
  planKey,
  type RecordingPlan,
} from "@cw/protocol";
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

export interface FindingMark {
  id: string;
  at: number;
  severity: number;
  note: string;
}

interface State {
  /** Cameras' own plans, by camera id. */
  plans: Map<string, PlanRecord>;
  /** Plans on prisons, blocks and sub-blocks, by planKey ("block:pj-b1"). */
  scopePlans: Map<string, PlanRecord & PlanNode>;
  evidence: Map<string, Evidence>;
  alarms: Map<string, AlarmMark[]>;
  /** Inspection findings by camera, in the order recorded (the timeline's 督查问题 markers). */
  findings: Map<string, FindingMark[]>;
}

export const exportUrl = (evidenceId: string, n: number, ext: "mp4" | "json"): string =>
  `/api/v1/evidence/${evidenceId}/exports/${n}.${ext}`;

export class RecordingProjection {
  private s: State = {
    plans: new Map(),
    scopePlans: new Map(),
    evidence: new Map(),
    alarms: new Map(),
    findings: new Map(),
  };

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
      case "recording.scopePlan.set": {
        const { scope, id, prisonId, plan } = e.data;
        const record = { scope, id, plan, prisonId, setAt: e.at, setBy: shownActor(e.actor) };
        this.s.scopePlans.set(planKey({ scope, id }), record);
        return;
      }
      case "recording.plan.cleared":
        if (e.data.scope === "camera") this.s.plans.delete(e.data.id);
        else this.s.scopePlans.delete(planKey(e.data));
        return;
      case "evidence.created": {
        const { source, ...data } = e.data;
        this.s.evidence.set(e.data.id, {
          ...data,
          createdBy: shownActor(e.actor) ?? "system",
          createdAt: e.at,
          exports: [],
          source: source ?? "gateway",
          state: source === "device" ? "pending" : "ready",
          reason: null,
        });
        return;
      }
      case "evidence.fetched": {
        const ev = this.s.evidence.get(e.data.evidenceId);
        if (!ev) return;
        this.s.evidence.set(ev.id, { ...ev, state: e.data.ok ? "ready" : "failed", reason: e.data.reason });
        return;
      }
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
          ...(e.data.watermark ? { watermark: true } : {}),
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
      case "finding.recorded": {
        const { id, cameraId, severity, note } = e.data;
        if (cameraId === null) return;
        const list = this.s.findings.get(cameraId) ?? [];
        list.push({ id, at: e.at, severity, note: note.slice(0, 200) });
        this.s.findings.set(cameraId, list);
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

  /** The plan a node has of its own (not inherited). */
  planOf(node: PlanNode): RecordingPlan | undefined {
    return node.scope === "camera" ? this.s.plans.get(node.id)?.plan : this.s.scopePlans.get(planKey(node))?.plan;
  }

  /** The plan that records a camera: its own or its nearest ancestor's (protocol's effectivePlan). */
  effective(camera: CameraPlacement): EffectivePlan {
    return effectivePlan(camera, (n) => this.planOf(n));
  }

  /** Every plan set on a node, cameras' and scopes' alike. */
  entries(): PlanEntry[] {
    const entry = (scope: PlanEntry["scope"], id: string, r: PlanRecord): PlanEntry => ({
      scope,
      id,
      prisonId: r.prisonId,
      plan: r.plan,
      setBy: r.setBy,
      setAt: r.setAt,
    });
    return [
      ...[...this.s.scopePlans.values()].map((r) => entry(r.scope, r.id, r)),
      ...[...this.s.plans].map(([id, r]) => entry("camera", id, r)),
    ];
  }

  evidence(id: string): Evidence | undefined {
    return this.s.evidence.get(id);
  }

  allEvidence(): IterableIterator<Evidence> {
    return this.s.evidence.values();
  }

  /** Alarm markers of a camera within [from, to). */
  alarms(cameraId: string, from: number, to: number): AlarmMark[] {
    return within(this.s.alarms.get(cameraId) ?? [], from, to);
  }

  /** Inspection finding markers of a camera within [from, to). */
  findings(cameraId: string, from: number, to: number): FindingMark[] {
    return within(this.s.findings.get(cameraId) ?? [], from, to);
  }

  snapshot(): State {
    return this.s;
  }

  restore(data: unknown): void {
    const d = data as Partial<State> | null;
    if (!(d?.plans instanceof Map && d.evidence instanceof Map && d.alarms instanceof Map))
      throw new Error("recording snapshot part has the wrong shape");
    // Snapshots written before scope plans existed have none.
    const scopePlans = d.scopePlans instanceof Map ? d.scopePlans : new Map<string, PlanRecord & PlanNode>();
    const findings = d.findings instanceof Map ? d.findings : new Map<string, FindingMark[]>();
    // Evidence of snapshots written before device clips existed: the gateway's, ready.
    for (const [id, ev] of d.evidence as Map<string, Evidence>)
      if (ev.state === undefined) d.evidence.set(id, { ...ev, source: "gateway", state: "ready", reason: null });
    this.s = { plans: d.plans, scopePlans, evidence: d.evidence, alarms: d.alarms, findings };
  }
}

/** The marks of a time-sorted list within [from, to), by binary search for the first. */
function within<T extends { at: number }>(list: readonly T[], from: number, to: number): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.at < from) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < list.length && list[i]!.at < to; i++) out.push(list[i]!);
  return out;
}
