// The recording-plans page's model, pure: which plan applies at each node of the tree (its own, or the
// nearest ancestor's — @cw/protocol's effectivePlan, the rule the gateway records by), how many cameras
// below a node record, a plan in words, and the editor's draft checked before it is sent. Never fetches,
// never renders.
import {
  defaultRecordingPlan,
  type PlanEntry,
  type PlanNode,
  type PlanScope,
  planKey,
  type RecordingPlan,
  type TreeNode,
  zRecordingPlan,
} from "@cw/protocol";
import type { MessageKey } from "../i18n/i18n";
import { pathOf, type TreeIndex } from "../tree/treeModel";

export type PlanTable = ReadonlyMap<string, PlanEntry>;

export const planTable = (plans: readonly PlanEntry[]): PlanTable => new Map(plans.map((p) => [planKey(p), p]));

/** The plan scope of a tree node (the bureau root has none). */
export function scopeOf(node: TreeNode): PlanScope | null {
  return node.kind === "bureau" ? null : node.kind;
}

export interface NodePlan {
  plan: RecordingPlan;
  /** The node whose plan applies: the node itself, an ancestor, or null (no plan anywhere: off). */
  from: (PlanNode & { name: string }) | null;
  own: boolean;
}

/** The plan that applies at a node: its own, else the nearest ancestor's, else off. */
export function planAt(index: TreeIndex, plans: PlanTable, id: string): NodePlan {
  const path = pathOf(index, id);
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!;
    const scope = scopeOf(node);
    const entry = scope === null ? undefined : plans.get(planKey({ scope, id: node.id }));
    if (entry)
      return {
        plan: entry.plan,
        from: { scope: entry.scope, id: node.id, name: node.name },
        own: i === path.length - 1,
      };
  }
  return { plan: defaultRecordingPlan, from: null, own: false };
}

/** Cameras under a node and how many of them record by the plans (mode other than off). */
export function recordingCount(
  index: TreeIndex,
  plans: PlanTable,
  node: TreeNode,
): { recording: number; cameras: number } {
  let recording = 0;
  let cameras = 0;
  const walk = (n: TreeNode, inherited: RecordingPlan) => {
    const scope = scopeOf(n);
    const own = scope === null ? undefined : plans.get(planKey({ scope, id: n.id }))?.plan;
    const plan = own ?? inherited;
    if (n.kind === "camera") {
      cameras += 1;
      if (plan.mode !== "off") recording += 1;
    }
    for (const c of n.children) walk(c, plan);
  };
  walk(node, planAt(index, plans, node.id).plan);
  return { recording, cameras };
}

/** Nodes below `node` with a plan of their own (they keep it when this node's plan changes). */
export function overridesBelow(plans: PlanTable, node: TreeNode): number {
  let n = 0;
  const walk = (t: TreeNode) => {
    for (const c of t.children) {
      const scope = scopeOf(c);
      if (scope !== null && plans.has(planKey({ scope, id: c.id }))) n += 1;
      walk(c);
    }
  };
  walk(node);
  return n;
}

export const modeKey: Record<RecordingPlan["mode"], MessageKey> = {
  off: "plans.mode.off",
  continuous: "plans.mode.continuous",
  schedule: "plans.mode.schedule",
  alarm: "plans.mode.alarm",
};

/** A plan in words: "连续录像 · 保留 30 天". */
export function planSummary(
  t: (k: MessageKey, v?: Record<string, string | number>) => string,
  p: RecordingPlan,
): string {
  if (p.mode === "off") return t(modeKey.off);
  const parts = [t(modeKey[p.mode]), t("plans.keepDays", { n: p.retentionDays })];
  if (p.mode === "schedule") parts.push(t("plans.windows", { n: p.schedule?.length ?? 0 }));
  if (p.mode === "alarm") parts.push(t("plans.rolls", { pre: p.preRollS ?? 30, post: p.postRollS ?? 120 }));
  return parts.join(" · ");
}

/** The editor's draft as the API takes it: fields a mode does not use are left out; errors by field. */
export function draftToPlan(d: RecordingPlan): { plan: RecordingPlan } | { field: string; message: string } {
  const plan: RecordingPlan = { mode: d.mode, retentionDays: d.retentionDays };
  if (d.mode === "alarm") {
    plan.preRollS = d.preRollS ?? 30;
    plan.postRollS = d.postRollS ?? 120;
  }
  if (d.mode === "schedule") plan.schedule = d.schedule ?? [];
  const r = zRecordingPlan.safeParse(plan);
  if (r.success) return { plan: r.data };
  const issue = r.error.issues[0]!;
  return { field: issue.path.join("."), message: issue.message };
}
