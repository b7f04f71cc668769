// Every figure is a pure function of the event log: tables of events → expected figures.
import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../../src/index";
import { figures, parseEvent } from "../../src/index";
import {
  accepted,
  acked,
  adhoc,
  cleared,
  completed,
  DAY,
  finding,
  fulfilled,
  HOUR,
  issued,
  MIN,
  obligation,
  opened,
  raised,
  red,
  repeated,
  report,
  resolved,
  signed,
  T0,
  TZ,
} from "./build";

const day = { from: T0, to: T0 + DAY, tzOffsetMin: TZ };

const rcOb = (block: string, checkpoint: string, at: number) =>
  obligation("rollcall.report", `2025-03-03.pj.${block}.${checkpoint}`, "pj", at, at + 10 * MIN, at + 30 * MIN);
const signOb = (order: string, unit: string, openedAt: number, deadline: number) =>
  obligation("order.sign", `${order}.${unit}`, unit, openedAt, deadline - HOUR, deadline);

describe("alarm figures", () => {
  const cases: Array<{ name: string; events: DomainEvent[]; unit?: string; expect: Record<string, unknown> }> = [
    { name: "no events", events: [], expect: { total: 0, unresolved: 0, mttaMs: null, mttrMs: null, byType: {} } },
    {
      name: "counts by type, severity, prison, hour and day",
      events: [
        raised("a1", T0 + 1 * HOUR, { type: "fighting", severity: 2 }),
        raised("a2", T0 + 1 * HOUR + 5 * MIN, { type: "climbing", severity: 1, prisonId: "sy1" }),
        raised("a3", T0 + 3 * HOUR, { type: "fighting", severity: 3 }),
        raised("out", T0 + DAY, { type: "fighting" }), // next day: outside the window
      ],
      expect: {
        total: 3,
        byType: { fighting: 2, climbing: 1 },
        bySeverity: { "1": 1, "2": 1, "3": 1 },
        byPrison: { pj: 2, sy1: 1 },
        byHour: { "2025-03-03T01": 2, "2025-03-03T03": 1 },
        byDay: { "2025-03-03": 3 },
        open: 3,
        unresolved: 3,
      },
    },
    {
      name: "unit keeps one prison",
      events: [raised("a1", T0 + HOUR), raised("a2", T0 + HOUR, { prisonId: "sy1" })],
      unit: "sy1",
      expect: { total: 1, byPrison: { sy1: 1 } },
    },
    {
      name: "MTTA and MTTR: a direct resolve counts as the acknowledgement; cleared has no resolve time",
      events: [
        raised("a1", T0),
        acked("a1", T0 + 2 * MIN),
        resolved("a1", T0 + 10 * MIN),
        raised("a2", T0),
        resolved("a2", T0 + 4 * MIN, "false_alarm"),
        raised("a3", T0),
        cleared("a3", T0 + MIN),
      ],
      expect: {
        mttaMs: 3 * MIN,
        mttrMs: 7 * MIN,
        resolved: 2,
        cleared: 1,
        unresolved: 0,
        byDisposition: { handled: 1, false_alarm: 1 },
      },
    },
    {
      name: "state machine: ack after resolve, double resolve and unknown ids change nothing",
      events: [
        raised("a1", T0),
        resolved("a1", T0 + MIN),
        acked("a1", T0 + 2 * MIN),
        resolved("a1", T0 + 3 * MIN),
        acked("ghost", T0),
      ],
      expect: { total: 1, resolved: 1, acknowledged: 0, mttaMs: MIN, mttrMs: MIN },
    },
    {
      name: "duplicates: same id, or same prison + sourceId, are one alarm; repeats counted",
      events: [
        raised("a1", T0, { sourceId: "s" }),
        raised("a1", T0 + MIN, { sourceId: "s" }),
        raised("a2", T0 + MIN, { sourceId: "s" }),
        repeated("a1", T0 + 2 * MIN, 3),
        repeated("a1", T0 + 3 * MIN, 2),
      ],
      expect: { total: 1, repeats: 2 },
    },
    {
      name: "overdue: the acknowledgement went red",
      events: (() => {
        const ob = obligation("alarm.ack", "a1", "pj", T0, T0 + MIN, T0 + 3 * MIN);
        return [raised("a1", T0), opened(ob), red(ob), acked("a1", T0 + 5 * MIN)];
      })(),
      expect: { overdue: 1, acknowledged: 1, unresolved: 1 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const f = figures(c.events, { ...day, ...(c.unit ? { unit: c.unit } : {}) });
      expect(f.alarms).toMatchObject(c.expect);
    });
  }
});

describe("roll-call compliance", () => {
  const at7 = T0 + 7 * HOUR;
  it("on time / late / missing / red over the expected slots", () => {
    const b2 = rcOb("b2", "wake", at7);
    const b3 = rcOb("b3", "wake", at7);
    const events = [
      report("pj", "b1", "wake", at7, at7 - MIN), // before the checkpoint: no obligation needed, on time
      opened(b2),
      report("pj", "b2", "wake", at7, at7 + 20 * MIN), // after yellow: late
      opened(b3),
      red(b3), // never reported
      report("pj", "b1", "wake", at7, at7 + MIN), // a second report of the same slot counts once
    ];
    expect(figures(events, day).rollcalls).toEqual({
      expected: 3,
      reported: 2,
      onTime: 1,
      late: 1,
      missing: 1,
      red: 1,
      compliance: 1 / 3,
    });
  });
  it("a report an edge held through a link outage is judged on the edge's receipt (heardAt), not its arrival", () => {
    const b1 = rcOb("b1", "wake", at7);
    const held = report("pj", "b1", "wake", at7, at7 + 50 * MIN); // arrives red, after the outage
    const early = { ...held, data: { ...held.data, heardAt: at7 + 2 * MIN } }; // the edge had it in time
    expect(figures([opened(b1), red(b1), early], day).rollcalls).toMatchObject({ onTime: 1, late: 0 });
    const lateAtEdge = { ...held, data: { ...held.data, heardAt: at7 + 20 * MIN } };
    expect(figures([opened(b1), red(b1), lateAtEdge], day).rollcalls).toMatchObject({ onTime: 0, late: 1 });
    const future = { ...held, data: { ...held.data, heardAt: at7 + 90 * MIN } }; // never later than arrival
    expect(figures([opened(b1), red(b1), future], day).rollcalls).toMatchObject({ onTime: 0, late: 1 });
  });
  it("no slots: compliance is null, not 0", () => {
    expect(figures([], day).rollcalls.compliance).toBeNull();
  });
});

describe("orders", () => {
  it("sign-for rate, late signing and overdue", () => {
    const deadline = T0 + 5 * HOUR;
    const sy1 = signOb("o1", "sy1", T0 + HOUR, deadline);
    const events = [
      issued("o1", T0 + HOUR, deadline, [
        ["pj", "pj"],
        ["sy1", "sy1"],
        ["jz", "jz"],
      ]),
      signed("o1", "pj", T0 + 2 * HOUR),
      opened(sy1),
      red(sy1),
      signed("o1", "jz", T0 + 6 * HOUR),
      signed("o1", "jz", T0 + 7 * HOUR),
    ];
    expect(figures(events, day).orders).toEqual({
      orders: 1,
      receivers: 3,
      signed: 2,
      signedLate: 1,
      fedBack: 0,
      overdue: 1,
      signRate: 2 / 3,
    });
    expect(figures(events, { ...day, unit: "pj" }).orders).toMatchObject({ orders: 1, receivers: 1, signRate: 1 });
    const after = [...events, signed("o1", "sy1", T0 + 8 * HOUR), fulfilled(sy1, T0 + 8 * HOUR)];
    expect(figures(after, day).orders).toMatchObject({ overdue: 0, signed: 3, signedLate: 2 });
  });
});

describe("inspections", () => {
  it("coverage and open rectifications", () => {
    const rect = obligation("rectification", "f2.0", "pj", T0 + 2 * HOUR, T0 + 3 * HOUR, T0 + 4 * HOUR);
    const events = [
      adhoc("i1", T0 + HOUR, "pj", "pj-b1"),
      completed("i1", T0 + 2 * HOUR),
      adhoc("i2", T0 + HOUR, "pj", "pj-b1"),
      adhoc("i3", T0 + HOUR, "sy1", "sy1-b1"),
      finding("f1", T0 + 2 * HOUR, "pj"),
      finding("f2", T0 + 2 * HOUR, "pj"),
      accepted("f1", T0 + 3 * HOUR),
      opened(rect),
      red(rect),
    ];
    const f = figures(events, { ...day, blocks: { pj: 4, sy1: 6 } }).inspections;
    expect(f).toEqual({
      inspections: 3,
      completed: 1,
      adhoc: 3,
      blocksInspected: 2,
      blocksTotal: 10,
      coverage: 0.2,
      findings: 2,
      openRectifications: 1,
      rectificationsOverdue: 1,
    });
    expect(figures(events, { ...day, unit: "pj" }).inspections).toMatchObject({ blocksInspected: 1, coverage: null });
    expect(figures(events, { ...day, unit: "pj", blocks: { pj: 4 } }).inspections.coverage).toBe(0.25);
  });
});

describe("windows", () => {
  it("a window is widened to the whole local hours it touches", () => {
    const events = [raised("a1", T0 + HOUR + 10 * MIN), raised("a2", T0 + 2 * HOUR + 59 * MIN)];
    expect(figures(events, { from: T0 + HOUR + 30 * MIN, to: T0 + 2 * HOUR + MIN, tzOffsetMin: TZ }).alarms.total).toBe(
      2,
    );
    expect(figures(events, { from: T0 + 2 * HOUR, to: T0 + 3 * HOUR, tzOffsetMin: TZ }).alarms.total).toBe(1);
  });
  it("hours are local to the offset, not the host", () => {
    const f = figures([raised("a1", Date.parse("2025-03-03T23:30:00Z"))], { from: 0, to: 4e12, tzOffsetMin: 480 });
    expect(f.alarms.byHour).toEqual({ "2025-03-04T07": 1 });
  });
});

describe("builders", () => {
  it("every event built here is a valid logged event", () => {
    const ob = rcOb("b1", "wake", T0);
    const all = [
      raised("a", T0),
      acked("a", T0),
      resolved("a", T0),
      cleared("a", T0),
      repeated("a", T0, 2),
      opened(ob),
      red(ob),
      fulfilled(ob, T0),
      report("pj", "b1", "wake", T0, T0),
      issued("o", T0, T0 + DAY, [["pj", "pj"]]),
      signed("o", "pj", T0),
      adhoc("i", T0, "pj", "b1"),
      completed("i", T0),
      finding("f", T0, "pj"),
      accepted("f", T0),
    ];
    for (const e of all) expect(parseEvent(JSON.parse(JSON.stringify(e))).ok, e.type).toBe(true);
  });
});
