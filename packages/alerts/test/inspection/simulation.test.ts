// Two simulated years over the demo province (16 prisons × 4 blocks): the gap rule holds, every block is
// reached within M = coverageBound(64, rules) days (123 with the defaults), and every draw verifies.
import { describe, expect, it } from "vitest";
import { coverage, coverageBound, defaultDrawRules, foldInspections, verifyDay } from "../../src/index";
import { demoTree, gaps, simulate } from "./sim";

describe("two years of daily draws", () => {
  const blocks = demoTree();
  const rules = defaultDrawRules;
  const M = coverageBound(blocks.length, rules);

  it.each([1, 2])(
    "seed %i: no repeat within N days, every block within M days, all draws verify",
    (seed) => {
      const sim = simulate({ start: "2025-01-01", days: 730, blocks, rules, seed });
      const g = gaps(sim.picks, blocks);
      expect(M).toBe(123);
      expect(g.minRepeat).toBeGreaterThanOrEqual(rules.minGapDays);
      expect(g.maxGap).toBeLessThanOrEqual(M);
      expect(coverage(sim.state, blocks, "2025-01-01", "2026-12-31").never).toEqual([]);
      // Replaying the log gives the same state; every 30th day also verifies against the history.
      expect(foldInspections(sim.log)).toEqual(sim.state);
      sim.picks.forEach((p, i) => {
        const inputs = i % 30 === 0 ? { blocks, recentAlarms: p.recentAlarms } : undefined;
        expect(verifyDay(sim.state, p.date, inputs).ok).toBe(true);
      });
    },
    30_000,
  );
});
