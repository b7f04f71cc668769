// Periods, reports with trends, CSV (RFC 4180 + BOM) and the map status, from tables of events.
import { describe, expect, it } from "vitest";
import {
  csvField,
  emptyFigures,
  foldFigures,
  levelOf,
  periodWindow,
  previousPeriod,
  prisonStatuses,
  report,
  toCsv,
} from "../../src/index";
import { acked, DAY, HOUR, MIN, obligation, opened, raised, red, resolved, T0, TZ } from "./build";

describe("periods", () => {
  const table: Array<["day" | "month" | "quarter", string, string, string, string]> = [
    ["day", "2025-03-03", "2025-03-03", "2025-03-03", "2025-03-02"],
    ["day", "2025-03-01", "2025-03-01", "2025-03-01", "2025-02-28"],
    ["month", "2025-03-17", "2025-03-01", "2025-03", "2025-02"],
    ["month", "2025-01-31", "2025-01-01", "2025-01", "2024-12"],
    ["quarter", "2025-05-20", "2025-04-01", "2025-Q2", "2025-Q1"],
    ["quarter", "2025-02-01", "2025-01-01", "2025-Q1", "2024-Q4"],
  ];
  for (const [period, date, start, label, prevLabel] of table) {
    it(`${period} of ${date}`, () => {
      const w = periodWindow(period, date, TZ);
      expect(w.date).toBe(start);
      expect(w.label).toBe(label);
      expect(w.from).toBe(Date.parse(`${start}T00:00:00+08:00`));
      expect(previousPeriod(w, TZ).label).toBe(prevLabel);
      expect(previousPeriod(w, TZ).to).toBe(w.from);
    });
  }
  it("a bad date is refused", () => {
    expect(() => periodWindow("day", "2025-3-3", TZ)).toThrow(RangeError);
  });
});

describe("report", () => {
  const events = [
    raised("y1", T0 - DAY + HOUR), // yesterday
    raised("a1", T0 + HOUR, { type: "climbing", severity: 1 }),
    acked("a1", T0 + HOUR + 2 * MIN),
    resolved("a1", T0 + HOUR + 6 * MIN),
    raised("a2", T0 + 2 * HOUR, { prisonId: "sy1" }),
    raised("a3", T0 + 2 * HOUR, { prisonId: "sy1" }),
  ];
  const r = report(events, "day", "2025-03-03", { tzOffsetMin: TZ, units: ["pj", "sy1", "jz"] });
  const row = (unit: string, metric: string) => r.rows.find((x) => x.unit === unit && x.metric === metric);

  it("province rows with the previous period and the delta", () => {
    expect(r.label).toBe("2025-03-03");
    expect(r.previousLabel).toBe("2025-03-02");
    expect(row("province", "alarms.total")).toEqual({
      unit: "province",
      metric: "alarms.total",
      current: 3,
      previous: 1,
      delta: 2,
    });
    expect(row("province", "alarms.unresolved")).toMatchObject({ current: 2, previous: 1, delta: 1 });
    expect(row("province", "alarms.mtta_min")).toMatchObject({ current: 2, previous: null, delta: null });
    expect(row("province", "alarms.mttr_min")).toMatchObject({ current: 6 });
    expect(row("province", "alarms.type.climbing")).toMatchObject({ current: 1, previous: 0, delta: 1 });
    expect(row("province", "alarms.severity.1")).toMatchObject({ current: 1 });
  });
  it("a row per prison in the catalogue order", () => {
    expect(row("sy1", "alarms.total")).toMatchObject({ current: 2, previous: 0 });
    expect(row("jz", "alarms.total")).toMatchObject({ current: 0 });
    const units = [...new Set(r.rows.map((x) => x.unit))];
    expect(units).toEqual(["province", "pj", "sy1", "jz"]);
    // Prison rows leave the per-type breakdown to the province row.
    expect(row("pj", "alarms.type.climbing")).toBeUndefined();
  });
  it("a unit report has no per-prison rows", () => {
    const u = report(events, "day", "2025-03-03", { tzOffsetMin: TZ, unit: "sy1", units: ["pj", "sy1"] });
    expect([...new Set(u.rows.map((x) => x.unit))]).toEqual(["sy1"]);
    expect(u.current.alarms.total).toBe(2);
  });
  it("month and quarter cover their days", () => {
    // 2 and 3 March are both in March.
    expect(report(events, "month", "2025-03-03", { tzOffsetMin: TZ }).current.alarms.total).toBe(4);
    expect(report(events, "month", "2025-03-03", { tzOffsetMin: TZ }).previous.alarms.total).toBe(0);
    expect(report(events, "quarter", "2025-03-03", { tzOffsetMin: TZ }).current.alarms.total).toBe(4);
  });
});

describe("csv", () => {
  it("quotes per RFC 4180 and starts with a BOM", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField(null)).toBe("");
    expect(csvField(1.5)).toBe("1.5");
    const r = report([raised("a1", T0 + HOUR)], "day", "2025-03-03", { tzOffsetMin: TZ });
    const csv = toCsv(r, { metric: (m) => (m === "alarms.total" ? "报警, 总数" : m) });
    expect(csv.startsWith("\uFEFFperiod,unit,metric,current,previous,delta\r\n")).toBe(true);
    expect(csv).toContain('2025-03-03,province,"报警, 总数",1,0,1\r\n');
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n").length - 2).toBe(r.rows.length);
  });
});

describe("map status", () => {
  it("levels, worst first", () => {
    expect(levelOf({}, 0, 0)).toBe("ok");
    expect(levelOf({ "4": 1 }, 0, 0)).toBe("sev4");
    expect(levelOf({ "3": 1, "4": 2 }, 0, 0)).toBe("sev3");
    expect(levelOf({ "3": 1 }, 0, 1)).toBe("red_obligation");
    expect(levelOf({ "3": 1 }, 1, 1)).toBe("video_loss");
    expect(levelOf({ "2": 1 }, 1, 1)).toBe("sev2");
    expect(levelOf({ "1": 1, "2": 1 }, 1, 1)).toBe("sev1");
  });
  it("open alarms, video loss, red by time and the newest alarm", () => {
    const ob = obligation("order.sign", "o1.jz", "jz", T0, T0 + HOUR, T0 + 2 * HOUR);
    const late = obligation("alarm.ack", "a9", "sy1", T0, T0 + MIN, T0 + 3 * MIN);
    const s = foldFigures(
      [
        raised("a1", T0, { severity: 3 }),
        raised("a2", T0 + MIN, { type: "video_loss", severity: 3 }),
        raised("a3", T0 + 2 * MIN, { severity: 1 }),
        resolved("a3", T0 + 3 * MIN),
        opened(ob),
        opened(late),
        red(late),
      ],
      { tzOffsetMin: TZ },
    );
    const [pj, sy1, jz] = prisonStatuses(s, ["pj", "sy1", "jz"], T0 + HOUR);
    expect(pj).toEqual({
      prisonId: "pj",
      level: "video_loss",
      link: null,
      openBySeverity: { "3": 2 },
      redObligations: 0,
      videoLoss: 1,
      pendingOrders: 0,
      headcount: null,
      lastAlarmId: "a3",
      lastAlarmAt: T0 + 2 * MIN,
    });
    expect(sy1?.level).toBe("red_obligation");
    expect(jz?.level).toBe("ok");
    expect(prisonStatuses(s, ["jz"], T0 + 2 * HOUR)[0]?.level).toBe("red_obligation");
    expect(prisonStatuses(emptyFigures(), ["pj"], T0)[0]?.level).toBe("ok");
    // The edge link rides along, the level stays what the events say (the wall shows 链路中断 over it).
    const linked = prisonStatuses(s, ["pj", "jz"], T0 + HOUR, (id) => (id === "pj" ? "down" : null));
    expect(linked.map((p) => [p.link, p.level])).toEqual([
      ["down", "video_loss"],
      [null, "ok"],
    ]);
  });
});

describe("prison panel counts", () => {
  it("headcount from each block's latest roll call; orders waiting to be signed", async () => {
    const { report: rc, issued, signed } = await import("./build");
    const at7 = T0 + 7 * HOUR;
    const at12 = T0 + 12 * HOUR;
    const s = foldFigures(
      [
        rc("pj", "b1", "wake", at7, at7),
        rc("pj", "b1", "noon", at12, at12), // the newer checkpoint replaces b1's count
        rc("pj", "b2", "wake", at7, at7 + MIN),
        issued("o1", T0, T0 + DAY, [
          ["pj", "pj"],
          ["sy1", "sy1"],
        ]),
        signed("o1", "sy1", T0 + HOUR),
      ],
      { tzOffsetMin: TZ },
    );
    const [pj, sy1] = prisonStatuses(s, ["pj", "sy1"], at12);
    expect(pj?.headcount).toEqual({ expected: 20, present: 20, at: at12 });
    expect(pj?.pendingOrders).toBe(1);
    expect(sy1?.pendingOrders).toBe(0);
    expect(sy1?.headcount).toBeNull();
  });
});
