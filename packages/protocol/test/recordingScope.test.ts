import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRecordingPlan, effectivePlan, type PlanNode, planKey, type RecordingPlan } from "../src/index";

const cam = { id: "pj-b1-s1-cell", prisonId: "pj", blockId: "pj-b1", subBlockId: "pj-b1-s1" };
const plan = (retentionDays: number): RecordingPlan => ({ mode: "continuous", retentionDays });
const table = (plans: Record<string, RecordingPlan>) => (n: PlanNode) => plans[planKey(n)];

describe("effectivePlan", () => {
  it("is off, from nowhere, when no node has a plan", () => {
    expect(effectivePlan(cam, table({}))).toEqual({ plan: defaultRecordingPlan, from: null });
  });

  it("takes the nearest node's plan: camera, then sub-block, block, prison", () => {
    const all = {
      "prison:pj": plan(1),
      "block:pj-b1": plan(2),
      "subBlock:pj-b1-s1": plan(3),
      "camera:pj-b1-s1-cell": plan(4),
    };
    expect(effectivePlan(cam, table(all))).toEqual({ plan: plan(4), from: { scope: "camera", id: cam.id } });
    const { "camera:pj-b1-s1-cell": _c, ...noCamera } = all;
    expect(effectivePlan(cam, table(noCamera)).from).toEqual({ scope: "subBlock", id: "pj-b1-s1" });
    const { "subBlock:pj-b1-s1": _s, ...noSub } = noCamera;
    expect(effectivePlan(cam, table(noSub)).from).toEqual({ scope: "block", id: "pj-b1" });
    const { "block:pj-b1": _b, ...onlyPrison } = noSub;
    expect(effectivePlan(cam, table(onlyPrison))).toEqual({ plan: plan(1), from: { scope: "prison", id: "pj" } });
  });

  it("an explicit 'off' on a camera beats its prison's continuous plan", () => {
    const off: RecordingPlan = { mode: "off", retentionDays: 30 };
    const r = effectivePlan(cam, table({ "prison:pj": plan(7), "camera:pj-b1-s1-cell": off }));
    expect(r.plan).toEqual(off);
  });

  it("a camera straight under its prison skips the missing block and sub-block", () => {
    const loose = { id: "pj-gate", prisonId: "pj", blockId: null, subBlockId: null };
    expect(effectivePlan(loose, table({ "block:pj-b1": plan(2) })).from).toBeNull();
    expect(effectivePlan(loose, table({ "prison:pj": plan(2) })).from).toEqual({ scope: "prison", id: "pj" });
  });

  it("the plan that applies is always the nearest one set (property)", () => {
    const chain = ["camera:pj-b1-s1-cell", "subBlock:pj-b1-s1", "block:pj-b1", "prison:pj"];
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (set) => {
        const plans: Record<string, RecordingPlan> = {};
        set.forEach((on, i) => {
          if (on) plans[chain[i]!] = plan(i + 1);
        });
        const nearest = set.indexOf(true);
        const r = effectivePlan(cam, table(plans));
        if (nearest < 0) return r.from === null;
        return r.plan.retentionDays === nearest + 1 && planKey(r.from!) === chain[nearest];
      }),
    );
  });
});
