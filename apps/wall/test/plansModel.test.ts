import type { PlanEntry, TreeNode } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { draftToPlan, overridesBelow, planAt, planTable, recordingCount } from "../src/recordingPlans/plansModel";
import { indexTree } from "../src/tree/treeModel";

const cam = (id: string): TreeNode => ({ id, kind: "camera", name: id, children: [] });
const tree: TreeNode = {
  id: "ln",
  kind: "bureau",
  name: "局",
  children: [
    {
      id: "pj",
      kind: "prison",
      name: "盘锦监狱",
      children: [
        {
          id: "pj-b1",
          kind: "block",
          name: "一监区",
          children: [
            { id: "pj-b1-s1", kind: "subBlock", name: "一分监区", children: [cam("c1"), cam("c2")] },
            { id: "pj-b1-s2", kind: "subBlock", name: "二分监区", children: [cam("c3")] },
          ],
        },
        cam("gate"),
      ],
    },
  ],
};
const index = indexTree(tree);
const entry = (scope: PlanEntry["scope"], id: string, mode: PlanEntry["plan"]["mode"]): PlanEntry => ({
  scope,
  id,
  prisonId: "pj",
  plan: { mode, retentionDays: 7 },
  setBy: "commander",
  setAt: 0,
});

describe("the recording-plans page's model", () => {
  it("shows the plan at a node as its own or inherited, with the node it comes from by name", () => {
    const plans = planTable([entry("block", "pj-b1", "continuous"), entry("camera", "c2", "off")]);
    expect(planAt(index, plans, "pj-b1")).toMatchObject({ own: true, plan: { mode: "continuous" } });
    expect(planAt(index, plans, "c1")).toMatchObject({ own: false, from: { scope: "block", name: "一监区" } });
    expect(planAt(index, plans, "c2")).toMatchObject({ own: true, plan: { mode: "off" } });
    expect(planAt(index, plans, "gate")).toMatchObject({ own: false, from: null, plan: { mode: "off" } });
  });

  it("counts the cameras below a node that record, honouring nearer plans", () => {
    const plans = planTable([entry("block", "pj-b1", "continuous"), entry("camera", "c2", "off")]);
    expect(recordingCount(index, plans, index.byId.get("pj")!)).toEqual({ recording: 2, cameras: 4 });
    expect(recordingCount(index, plans, index.byId.get("pj-b1-s1")!)).toEqual({ recording: 1, cameras: 2 });
    expect(overridesBelow(plans, index.byId.get("pj")!)).toBe(2);
  });

  it("sends only the fields a mode uses, and names the field that is wrong", () => {
    expect(draftToPlan({ mode: "continuous", retentionDays: 7, preRollS: 5, schedule: [] })).toEqual({
      plan: { mode: "continuous", retentionDays: 7 },
    });
    expect(draftToPlan({ mode: "alarm", retentionDays: 7 })).toEqual({
      plan: { mode: "alarm", retentionDays: 7, preRollS: 30, postRollS: 120 },
    });
    expect(draftToPlan({ mode: "continuous", retentionDays: 0 })).toMatchObject({ field: "retentionDays" });
    expect(draftToPlan({ mode: "schedule", retentionDays: 7 })).toMatchObject({ field: "schedule" });
  });
});
