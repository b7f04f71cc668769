// The simulated roll-call day: one report per block and checkpoint, valid bodies, stable headcounts,
// mostly on time, some prisons late past grace (yellow) or red, some blocks one short with a reason.
import { defaultSchedule, localTime, zRollCallFeed } from "@cw/alerts";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/sim/rng";
import { absenceReasons, expectedHeadcount, planDay } from "../../src/sim/rollcallPlan";
import { testPrisons } from "./fixtures";

const blocks = testPrisons.reduce((n, p) => n + p.blocks.length, 0);
const MIN = 60_000;

describe("planDay", () => {
  const days = Array.from({ length: 30 }, (_, d) => {
    const date = `2025-06-${String(d + 1).padStart(2, "0")}`;
    return { date, plan: planDay(testPrisons, defaultSchedule, date, 480, mulberry32(d)) };
  });

  it("has one valid report per block and checkpoint, in time order", () => {
    for (const { plan } of days) {
      expect(plan).toHaveLength(blocks * defaultSchedule.length);
      for (const r of plan) expect(zRollCallFeed.safeParse(r.body).success).toBe(true);
      expect(plan.map((r) => r.at)).toEqual([...plan.map((r) => r.at)].sort((a, b) => a - b));
      expect(new Set(plan.map((r) => r.body.sourceId)).size).toBe(plan.length);
    }
  });

  it("reports after the checkpoint; mostly within grace, sometimes late past grace and past red", () => {
    let onTime = 0;
    let yellow = 0;
    let red = 0;
    for (const { date, plan } of days) {
      for (const r of plan) {
        const cp = defaultSchedule.find((c) => c.id === r.body.checkpoint)!;
        const t = localTime(date, cp.time, 480);
        expect(r.body.scheduledAt).toBe(t);
        const late = r.at - t;
        expect(late).toBeGreaterThan(0);
        if (late <= cp.graceMin * MIN) onTime++;
        else if (late <= cp.redAfterMin * MIN) yellow++;
        else red++;
      }
    }
    const total = onTime + yellow + red;
    expect(onTime / total).toBeGreaterThan(0.7);
    expect(yellow).toBeGreaterThan(0);
    expect(red).toBeGreaterThan(0);
  });

  it("keeps each block's expected headcount stable (80-160); a short block names the absentee's reason", () => {
    let shorts = 0;
    for (const { plan } of days) {
      for (const r of plan) {
        expect(r.body.expected).toBe(expectedHeadcount(r.prisonId, r.body.blockId));
        expect(r.body.expected).toBeGreaterThanOrEqual(80);
        expect(r.body.expected).toBeLessThanOrEqual(160);
        if (r.body.present !== r.body.expected) {
          shorts++;
          expect(r.body.present).toBe(r.body.expected - 1);
          expect(absenceReasons).toContain(r.body.absentees?.[0]?.reason);
        } else expect(r.body.absentees).toEqual([]);
      }
    }
    expect(shorts).toBeGreaterThan(0);
    expect(shorts / (days.length * blocks * defaultSchedule.length)).toBeLessThan(0.05);
  });
});
