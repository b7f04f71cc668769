// Recording plans by scope: a plan set on a prison, a block or a sub-block applies to every camera below
// it that has no nearer plan of its own (camera → sub-block → block → prison), as VMS recording profiles
// apply to a folder. Pure: the catalogue's placement and the plans come in; the gateway records what
// this answers and the wall shows where each camera's plan comes from with the same function.
import { z } from "zod";
import { zId } from "./ids";
import { defaultRecordingPlan, type RecordingPlan, zRecordingPlan } from "./recording";

export const planScopes = ["prison", "block", "subBlock", "camera"] as const;
export const zPlanScope = z.enum(planScopes);
export type PlanScope = z.infer<typeof zPlanScope>;

/** A node of the catalogue a plan can be set on. */
export interface PlanNode {
  scope: PlanScope;
  id: string;
}

/** Where a camera sits: the nodes above it, nearest first. */
export interface CameraPlacement {
  id: string;
  prisonId: string;
  blockId: string | null;
  subBlockId: string | null;
}

export interface EffectivePlan {
  plan: RecordingPlan;
  /** The node whose plan applies; null when no node has one (the default: not recorded). */
  from: PlanNode | null;
}

/** The nodes whose plan may apply to a camera, nearest first. */
export function planChain(c: CameraPlacement): PlanNode[] {
  const chain: PlanNode[] = [{ scope: "camera", id: c.id }];
  if (c.subBlockId !== null) chain.push({ scope: "subBlock", id: c.subBlockId });
  if (c.blockId !== null) chain.push({ scope: "block", id: c.blockId });
  chain.push({ scope: "prison", id: c.prisonId });
  return chain;
}

/** The plan that applies to a camera: its own, else its sub-block's, block's or prison's; else off. */
export function effectivePlan(
  c: CameraPlacement,
  planOf: (node: PlanNode) => RecordingPlan | undefined,
): EffectivePlan {
  for (const node of planChain(c)) {
    const plan = planOf(node);
    if (plan !== undefined) return { plan, from: node };
  }
  return { plan: defaultRecordingPlan, from: null };
}

export const planKey = (node: PlanNode): string => `${node.scope}:${node.id}`;

/** GET /api/v1/recording-plans: every plan set on a node the caller may see. */
export const zPlanEntry = z.object({
  scope: zPlanScope,
  id: z.string(),
  prisonId: z.string(),
  plan: zRecordingPlan,
  setBy: z.string().nullable(),
  setAt: z.number().int(),
});
export type PlanEntry = z.infer<typeof zPlanEntry>;
export const zPlanList = z.object({ plans: z.array(zPlanEntry) });
export type PlanList = z.infer<typeof zPlanList>;

export const zPlanNodeParams = z.object({ scope: zPlanScope, id: zId }).strict();
