import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DrawHistory, EligibleEntry } from "../../src/index";
import {
  computePick,
  coverageBound,
  defaultDrawRules,
  drawMessage,
  eligibleFor,
  sha256Hex,
  verifyDraw,
  weightedIndex,
  weightOf,
  zDrawRules,
} from "../../src/index";
import { demoTree } from "./sim";

const rules = defaultDrawRules;
const DATE = "2025-06-15";
const blocks = demoTree(4, 2);
const noHistory: DrawHistory = { lastInspected: {}, recentAlarms: {} };

describe("weights and eligibility", () => {
  it.each([
    [null, 0, (1 + 90) * 100],
    [30, 0, 31 * 100],
    [200, 0, 91 * 100],
    [45, 2, 46 * 200],
    [45, 99, 46 * 600],
  ] as const)("weightOf(%s days, %s alarms) = %s", (days, alarms, w) => {
    expect(weightOf(days, alarms, rules)).toBe(w);
  });

  it.each([
    ["never inspected → overdue, all tied", {}, "overdue", 8],
    ["gap rule drops recent blocks", { "p01/b1": "2025-06-01", "p01/b2": "2025-05-16" }, "overdue", 6],
    [
      "normal when nothing is overdue",
      Object.fromEntries(blocks.map((b, i) => [`${b.prisonId}/${b.blockId}`, i < 4 ? "2025-06-10" : "2025-04-20"])),
      "normal",
      4,
    ],
    [
      "relaxed to the least recently inspected when all are recent",
      Object.fromEntries(blocks.map((b, i) => [`${b.prisonId}/${b.blockId}`, i < 3 ? "2025-06-01" : "2025-06-10"])),
      "relaxed",
      3,
    ],
  ] as const)("%s", (_name, last, mode, count) => {
    const e = eligibleFor(DATE, blocks, { lastInspected: last, recentAlarms: {} }, rules);
    expect(e.mode).toBe(mode);
    expect(e.eligible).toHaveLength(count);
  });

  it("lists are sorted by key whatever the catalogue order, and exclusions are left out", () => {
    const e = eligibleFor(DATE, [...blocks].reverse(), noHistory, rules, ["p01/b1"]);
    const keys = e.eligible.map((x) => `${x.prisonId}/${x.blockId}`);
    expect(keys).toEqual([...keys].sort());
    expect(keys).not.toContain("p01/b1");
  });

  it("the rules reject F < N and default fully", () => {
    expect(zDrawRules.parse({})).toEqual(defaultDrawRules);
    expect(zDrawRules.safeParse({ minGapDays: 30, forceAfterDays: 20 }).success).toBe(false);
  });

  it("coverage bound for the demo province (64 blocks, N = 30, F = 90) is 123 days", () => {
    expect(coverageBound(64, rules)).toBe(123);
  });
});

describe("the pick", () => {
  it("the message format is the protocol's", () => {
    const e: EligibleEntry[] = [
      { prisonId: "p1", blockId: "b1", lastInspected: null, daysSince: null, recentAlarms: 0, weight: 9100 },
      { prisonId: "p2", blockId: "b1", lastInspected: "2025-05-01", daysSince: 45, recentAlarms: 2, weight: 9200 },
    ];
    expect(drawMessage(DATE, 0, e)).toBe("2025-06-15|p1/b1:never:0:9100,p2/b1:45:2:9200");
    expect(drawMessage(DATE, 2, e)).toBe("2025-06-15|redraw:2|p1/b1:never:0:9100,p2/b1:45:2:9200");
  });

  it.each([
    ["u = 0 → first", "00".repeat(32), [1, 1, 1], 0],
    ["u = max → last", "ff".repeat(32), [1, 1, 1], 2],
    ["u = 1/2 → middle of [1,2,1]", `80${"00".repeat(31)}`, [1, 2, 1], 1],
    ["zero weights are skipped", `80${"00".repeat(31)}`, [0, 5, 0], 1],
  ])("weightedIndex: %s", (_n, macHex, weights, index) => {
    const mac = Uint8Array.from(macHex.match(/../g)!.map((h) => Number.parseInt(h, 16)));
    expect(weightedIndex(mac, weights)).toBe(index);
  });

  it("the same inputs give the same pick (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 0, max: 3 }), (s, attempt) => {
        const secret = Buffer.from(s).toString("hex");
        const { eligible } = eligibleFor(DATE, blocks, noHistory, rules);
        const a = computePick(secret, DATE, attempt, eligible);
        const b = computePick(secret, DATE, attempt, structuredClone(eligible));
        expect(a).not.toBeNull();
        expect(b).toEqual(a);
      }),
    );
  });

  it("spreads picks roughly in proportion to weights", () => {
    const e: EligibleEntry[] = [
      { prisonId: "a", blockId: "b", lastInspected: null, daysSince: null, recentAlarms: 0, weight: 1 },
      { prisonId: "c", blockId: "d", lastInspected: null, daysSince: null, recentAlarms: 0, weight: 3 },
    ];
    let second = 0;
    for (let i = 0; i < 2000; i++) if (computePick(sha256Hex(`s${i}`), DATE, 0, e)?.index === 1) second++;
    expect(second / 2000).toBeGreaterThan(0.7);
    expect(second / 2000).toBeLessThan(0.8);
  });
});

/** A recorded draw built from inputs, as decideDraw records it. */
function recorded(secret: string, last: Record<string, string>, alarms: Record<string, number>) {
  const history = { lastInspected: last, recentAlarms: alarms };
  const { mode, eligible } = eligibleFor(DATE, blocks, history, rules);
  const pick = computePick(secret, DATE, 0, eligible)!;
  const commitment = sha256Hex(Buffer.from(secret, "hex"));
  const drawn = {
    at: 2000,
    data: {
      id: `draw-${DATE}`,
      date: DATE,
      tzOffsetMin: 480,
      attempt: 0,
      secret,
      commitment,
      rules,
      mode,
      excluded: [] as string[],
      eligible,
      mac: pick.mac,
      total: pick.total,
      prisonId: pick.prisonId,
      blockId: pick.blockId,
    },
  };
  return { drawn, committed: { at: 1000, data: { date: DATE, commitment } }, history: { blocks, history } };
}

const arbInputs = fc.record({
  secret: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("hex")),
  days: fc.array(fc.integer({ min: 31, max: 89 }), { minLength: 8, maxLength: 8 }),
  alarms: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 8, maxLength: 8 }),
});

function build(i: { secret: string; days: number[]; alarms: number[] }) {
  const last: Record<string, string> = {};
  const alarms: Record<string, number> = {};
  blocks.forEach((b, k) => {
    const key = `${b.prisonId}/${b.blockId}`;
    last[key] = new Date(Date.parse(`${DATE}T00:00:00Z`) - i.days[k]! * 86_400_000).toISOString().slice(0, 10);
    alarms[key] = i.alarms[k]!;
  });
  return recorded(i.secret, last, alarms);
}

describe("verifyDraw", () => {
  it("an honest draw verifies, with and without the history (property)", () => {
    fc.assert(
      fc.property(arbInputs, (i) => {
        const r = build(i);
        expect(verifyDraw(r.drawn, r.committed).ok).toBe(true);
        const v = verifyDraw(r.drawn, r.committed, r.history);
        expect(v.checks.map((c) => c.name)).toContain("eligible.history");
        expect(v.ok).toBe(true);
      }),
    );
  });

  type Tamper = (r: ReturnType<typeof build>) => void;
  const tampers: [string, Tamper][] = [
    [
      "secret",
      (r) => {
        r.drawn.data.secret = sha256Hex(r.drawn.data.secret);
      },
    ],
    [
      "date",
      (r) => {
        r.drawn.data.date = "2025-06-16";
      },
    ],
    [
      "one eligible weight",
      (r) => {
        r.drawn.data.eligible[1]!.weight += 1;
      },
    ],
    [
      "one recent alarm count",
      (r) => {
        r.drawn.data.eligible[2]!.recentAlarms += 1;
      },
    ],
    ["list order", (r) => void r.drawn.data.eligible.reverse()],
    [
      "the result",
      (r) => {
        r.drawn.data.blockId = r.drawn.data.blockId === "b1" ? "b2" : "b1";
      },
    ],
    [
      "the commitment",
      (r) => {
        r.committed.data.commitment = sha256Hex("other");
      },
    ],
    [
      "commit after the draw",
      (r) => {
        r.committed.at = 3000;
      },
    ],
    ["a dropped block", (r) => void r.drawn.data.eligible.splice(3, 1)],
  ];

  it.each(tampers)("changing %s makes verification fail (property)", (_name, tamper) => {
    fc.assert(
      fc.property(arbInputs, (i) => {
        const r = build(i);
        tamper(r);
        // Without the history, except a dropped block, which only the history can reveal.
        if (_name !== "a dropped block") expect(verifyDraw(r.drawn, r.committed).ok).toBe(false);
        expect(verifyDraw(r.drawn, r.committed, r.history).ok).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it("a malformed event or a missing commitment fails with reasons, never throws", () => {
    expect(verifyDraw({ at: 1, data: { nonsense: true } }, null).checks[0]).toMatchObject({
      name: "draw.format",
      ok: false,
    });
    const r = build({ secret: "ab".repeat(32), days: Array(8).fill(40), alarms: Array(8).fill(0) });
    const v = verifyDraw(r.drawn, null);
    expect(v.ok).toBe(false);
    expect(v.checks.find((c) => c.name === "commitment.present")?.ok).toBe(false);
  });
});
