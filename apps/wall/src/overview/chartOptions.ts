// ECharts options for the dashboards, built from the overview's figures. Pure: labels come in as a
// function, so tests check the numbers without React or a canvas. Each builder also returns the total
// the chart shows (the tests read it from data-total).
import type { Figures, StreamCounts } from "@cw/protocol";
import type { ChartOption } from "./echarts";

export type Label = (key: string) => string;
export interface Chart {
  option: ChartOption;
  total: number;
}

const base = {
  backgroundColor: "transparent",
  // No tweening: the overview arrives up to ~3 times a second under an alarm storm, and eight charts
  // animating every update kept the canvas repainting continuously (9 fps at 1000 alarms/s).
  animation: false,
  tooltip: { trigger: "axis" },
  grid: { left: 40, right: 12, top: 16, bottom: 28, containLabel: true },
};

function bars(categories: string[], values: number[], color?: string): ChartOption {
  return {
    ...base,
    xAxis: { type: "category", data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 35 : 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", data: values, ...(color ? { itemStyle: { color } } : {}) }],
  };
}

function pie(entries: Array<[string, number, string]>): ChartOption {
  return {
    ...base,
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["40%", "68%"],
        data: entries.map(([name, value, color]) => ({ name, value, itemStyle: { color } })),
      },
    ],
  };
}

const sorted = (r: Record<string, number>) => Object.entries(r).sort((a, b) => b[1] - a[1]);

export function byTypeChart(f: Figures, label: Label): Chart {
  const e = sorted(f.alarms.byType);
  return {
    option: bars(
      e.map(([k]) => label(`alarmType.${k}`)),
      e.map(([, v]) => v),
      "#f85149",
    ),
    total: f.alarms.total,
  };
}

export function byPrisonChart(f: Figures, prisonName: (id: string) => string): Chart {
  const e = sorted(f.alarms.byPrison);
  return {
    option: bars(
      e.map(([k]) => prisonName(k)),
      e.map(([, v]) => v),
      "#2f81f7",
    ),
    total: f.alarms.total,
  };
}

/** Today: 24 local hours; a longer window: one bar per local day. */
export function byTimeChart(f: Figures): Chart {
  const days = Math.round((f.to - f.from) / 86_400_000);
  const keys: string[] = [];
  const values: number[] = [];
  const start = f.from + f.tzOffsetMin * 60_000;
  if (days <= 1) {
    for (let h = 0; h < 24; h++) {
      const k = new Date(start + h * 3_600_000).toISOString().slice(0, 13);
      keys.push(`${k.slice(11, 13)}:00`);
      values.push(f.alarms.byHour[k] ?? 0);
    }
  } else {
    for (let d = 0; d < days; d++) {
      const k = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
      keys.push(k.slice(5));
      values.push(f.alarms.byDay[k] ?? 0);
    }
  }
  return {
    option: {
      ...base,
      xAxis: { type: "category", data: keys },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { type: "line", data: values, areaStyle: { opacity: 0.25 }, smooth: true, itemStyle: { color: "#e3b341" } },
      ],
    },
    total: f.alarms.total,
  };
}

const minutes = (ms: number | null) => (ms === null ? 0 : Math.round(ms / 6000) / 10);

export function responseChart(f: Figures, label: Label): Chart {
  return {
    option: bars([label("ov.mtta"), label("ov.mttr")], [minutes(f.alarms.mttaMs), minutes(f.alarms.mttrMs)], "#3fb950"),
    total: f.alarms.resolved,
  };
}

export function rollCallChart(f: Figures, label: Label): Chart {
  const r = f.rollcalls;
  return {
    option: pie([
      [label("ov.rc.onTime"), r.onTime, "#3fb950"],
      [label("ov.rc.late"), r.late, "#e3b341"],
      [label("ov.rc.missing"), r.missing, "#f85149"],
    ]),
    total: r.expected,
  };
}

export function ordersChart(f: Figures, label: Label): Chart {
  const o = f.orders;
  return {
    option: bars(
      [label("ov.orders.signed"), label("ov.orders.pending"), label("ov.orders.overdue")],
      [o.signed, o.receivers - o.signed, o.overdue],
      "#a371f7",
    ),
    total: o.receivers,
  };
}

export function inspectionChart(f: Figures, label: Label): Chart {
  const i = f.inspections;
  return {
    option: bars(
      [
        label("ov.insp.inspected"),
        label("ov.insp.notInspected"),
        label("ov.insp.openRect"),
        label("ov.insp.overdueRect"),
      ],
      [
        i.blocksInspected,
        Math.max(0, (i.blocksTotal ?? 0) - i.blocksInspected),
        i.openRectifications,
        i.rectificationsOverdue,
      ],
      "#58a6ff",
    ),
    total: i.inspections,
  };
}

export function streamsChart(s: StreamCounts, label: Label): Chart {
  return {
    option: pie([
      [label("ov.streams.live"), s.live, "#3fb950"],
      [label("ov.streams.starting"), s.starting, "#58a6ff"],
      [label("ov.streams.stalled"), s.stalled, "#e3b341"],
      [label("ov.streams.offline"), s.offline, "#f85149"],
    ]),
    total: s.live + s.starting + s.stalled + s.offline,
  };
}
