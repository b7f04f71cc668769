// The overview's pure parts: marker pulses, the offline map geometry and fit, chart totals and the
// hour/day axes, rem scaling of the big screen, and the routes.
import type { Figures, PrisonStatus } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { byTimeChart, byTypeChart, ordersChart, rollCallChart, streamsChart } from "../src/overview/chartOptions";
import { boundsOf, fitView, outlineRings, prisonPosition, project } from "../src/overview/geo";
import { legendLevels, levelColor, stateOf } from "../src/overview/levels";
import { nextPulses, PULSE_MS, pulsePhase } from "../src/overview/pulse";
import { matchRoute } from "../src/router";

const status = (prisonId: string, lastAlarmId: string | null): PrisonStatus => ({
  prisonId,
  level: "ok",
  link: null,
  openBySeverity: {},
  redObligations: 0,
  videoLoss: 0,
  pendingOrders: 0,
  headcount: null,
  lastAlarmId,
  lastAlarmAt: null,
});

describe("pulses", () => {
  it("a prison pulses when its newest alarm changes, never for the first overview, and stops after PULSE_MS", () => {
    expect(nextPulses({}, null, [status("pj", "a1")], 0)).toEqual({});
    const p = nextPulses({}, [status("pj", "a1"), status("sy1", null)], [status("pj", "a2"), status("sy1", null)], 100);
    expect(p).toEqual({ pj: 100 });
    expect(nextPulses(p, [status("pj", "a2")], [status("pj", "a2")], 100 + PULSE_MS)).toEqual({});
    expect(pulsePhase(100, 100 + PULSE_MS / 2)).toBe(0.5);
    expect(pulsePhase(100, 100 + PULSE_MS)).toBeNull();
  });
});

describe("geometry", () => {
  it("the shipped outline is one closed ring of 40-80 points and holds every demo prison", () => {
    const rings = outlineRings();
    expect(rings).toHaveLength(1);
    const ring = rings[0]!;
    expect(ring.length).toBeGreaterThanOrEqual(40);
    expect(ring.length).toBeLessThanOrEqual(80);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    const b = boundsOf(ring);
    for (const id of ["pj", "sy1", "dlngl", "ly1", "dd", "tl"]) {
      const [x, y] = prisonPosition(id, null)!;
      expect(x).toBeGreaterThan(b.minX);
      expect(x).toBeLessThan(b.maxX);
      expect(y).toBeGreaterThan(b.minY);
      expect(y).toBeLessThan(b.maxY);
    }
    expect(prisonPosition("nowhere", null)).toBeNull();
    expect(prisonPosition("x", { lng: 123, lat: 41 })).toEqual(project([123, 41]));
  });
  it("fitView centres the bounds and scales them into the box", () => {
    const v = fitView({ minX: 0, minY: 0, maxX: 10, maxY: 5 }, 1000, 1000, 0);
    expect(v.target).toEqual([5, 2.5, 0]);
    expect(2 ** v.zoom).toBeCloseTo(100);
  });
});

function figures(over: Partial<Figures["alarms"]> = {}): Figures {
  const from = Date.parse("2025-03-03T00:00:00+08:00");
  return {
    from,
    to: from + 86_400_000,
    tzOffsetMin: 480,
    unit: null,
    alarms: {
      total: 3,
      open: 3,
      acknowledged: 0,
      resolved: 0,
      cleared: 0,
      unresolved: 3,
      overdue: 0,
      repeats: 0,
      byType: { fighting: 2, fall: 1 },
      bySeverity: {},
      byPrison: { pj: 3 },
      byHour: { "2025-03-03T01": 2, "2025-03-03T23": 1 },
      byDay: { "2025-03-03": 3 },
      byDisposition: {},
      mttaMs: null,
      mttrMs: null,
      ...over,
    },
    rollcalls: { expected: 4, reported: 3, onTime: 2, late: 1, missing: 1, red: 0, compliance: 0.5 },
    orders: { orders: 1, receivers: 3, signed: 1, signedLate: 0, fedBack: 0, overdue: 1, signRate: 1 / 3 },
    inspections: {
      inspections: 1,
      completed: 0,
      adhoc: 0,
      blocksInspected: 1,
      blocksTotal: 4,
      coverage: 0.25,
      findings: 0,
      openRectifications: 0,
      rectificationsOverdue: 0,
    },
  };
}

describe("charts", () => {
  const label = (k: string) => k;
  it("carry the totals the tests read", () => {
    const f = figures();
    expect(byTypeChart(f, label).total).toBe(3);
    expect(rollCallChart(f, label).total).toBe(4);
    expect(ordersChart(f, label).total).toBe(3);
    expect(streamsChart({ live: 2, starting: 1, stalled: 1, offline: 0, idle: 5 }, label).total).toBe(4);
  });
  it("today has 24 local hours; seven days have 7 local days", () => {
    const today = byTimeChart(figures()).option as { series: Array<{ data: number[] }> };
    const data = today.series[0]!.data;
    expect(data).toHaveLength(24);
    expect(data[1]).toBe(2);
    expect(data[23]).toBe(1);
    const f = figures();
    const week = byTimeChart({ ...f, from: f.from - 6 * 86_400_000 }).option as { series: Array<{ data: number[] }> };
    expect(week.series[0]!.data).toEqual([0, 0, 0, 0, 0, 0, 3]);
  });
});

describe("routes", () => {
  it.each([
    ["/overview", "overview"],
    ["/reports", "reports"],
    ["/screen/dashboard", "dashboard"],
    ["/screen/2", "screen"],
  ])("%s → %s", (path, name) => {
    expect(matchRoute(path).name).toBe(name);
  });
});

describe("a prison's map state", () => {
  it("is 链路中断 (link_down) while its edge link is down, whatever its level; else its level", () => {
    expect(stateOf({ level: "sev1", link: "down" })).toBe("link_down");
    expect(stateOf({ level: "ok", link: "up" })).toBe("ok");
    expect(stateOf({ level: "video_loss", link: null })).toBe("video_loss");
  });
  it("has a colour of its own, first in the legend", () => {
    const others = legendLevels.filter((l) => l !== "link_down").map((l) => levelColor[l].join());
    expect(others).not.toContain(levelColor.link_down.join());
    expect(legendLevels[0]).toBe("link_down");
  });
});
