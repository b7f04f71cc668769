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
  tooltip: { trigger: "axis", confine: true },
  grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
  textStyle: { fontFamily: "Noto Sans CJK SC, Microsoft YaHei, sans-serif" },
};

/** A category label never wider than this (px); the full name is in the tooltip. */
const LABEL_PX = 84;
/** Bars shown at most; the rest are summed into one "others" bar. */
export const TOP_N = 6;

/** "Nothing yet" drawn in the chart's middle instead of empty axes or an even ring of zeros. */
function emptyChart(text: string): ChartOption {
  return {
    ...base,
    title: { text, left: "center", top: "middle", textStyle: { color: "#93a3b8", fontSize: 13, fontWeight: 400 } },
    series: [],
  };
}

/**
 * Horizontal bars: one readable row per name (prisons, alarm types, states), in the given order — names
 * never rotate or collide, and long ones are truncated with the full name in the tooltip.
 */
function hbars(categories: string[], values: number[], color: string): ChartOption {
  return {
    ...base,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
    xAxis: { type: "value", minInterval: 1, splitNumber: 3 },
    yAxis: {
      type: "category",
      inverse: true,
      data: categories,
      axisLabel: { interval: 0, width: LABEL_PX, overflow: "truncate" },
    },
    series: [
      { type: "bar", data: values, itemStyle: { color }, barMaxWidth: 16, label: { show: true, position: "right" } },
    ],
  };
}

function pie(entries: Array<[string, number, string]>): ChartOption {
  const values = new Map(entries.map(([name, value]) => [name, value]));
  return {
    ...base,
    tooltip: { trigger: "item", confine: true },
    // The legend sits under the ring with each part's number: it never covers the data, and no
    // leader-line labels fight it for space.
    legend: {
      bottom: 0,
      itemWidth: 10,
      itemHeight: 10,
      formatter: (name: string) => `${name} ${values.get(name) ?? 0}`,
    },
    series: [
      {
        type: "pie",
        radius: ["38%", "62%"],
        center: ["50%", "44%"],
        label: { show: false },
        data: entries.map(([name, value, color]) => ({ name, value, itemStyle: { color } })),
      },
    ],
  };
}

/** The largest `TOP_N − 1` entries and one "others" entry summing the rest (when there are more). */
export function topWithOthers(
  entries: Array<[string, number]>,
  others: (n: number) => string,
): Array<[string, number]> {
  if (entries.length <= TOP_N) return entries;
  const head = entries.slice(0, TOP_N - 1);
  const tail = entries.slice(TOP_N - 1);
  return [...head, [others(tail.length), tail.reduce((sum, [, v]) => sum + v, 0)]];
}

const sorted = (r: Record<string, number>) => Object.entries(r).sort((a, b) => b[1] - a[1]);

export function byTypeChart(f: Figures, label: Label): Chart {
  const e = topWithOthers(
    sorted(f.alarms.byType).map(([k, v]) => [label(`alarmType.${k}`), v]),
    (n) => label("ov.others").replace("{n}", String(n)),
  );
  if (f.alarms.total === 0) return { option: emptyChart(label("ov.empty")), total: 0 };
  return {
    option: hbars(
      e.map(([k]) => k),
      e.map(([, v]) => v),
      "#ff6b61",
    ),
    total: f.alarms.total,
  };
}

export function byPrisonChart(f: Figures, prisonName: (id: string) => string, label: Label): Chart {
  const e = topWithOthers(
    sorted(f.alarms.byPrison).map(([k, v]) => [prisonName(k), v]),
    (n) => label("ov.others").replace("{n}", String(n)),
  );
  if (f.alarms.total === 0) return { option: emptyChart(label("ov.empty")), total: 0 };
  return {
    option: hbars(
      e.map(([k]) => k),
      e.map(([, v]) => v),
      "#4c95f7",
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
      xAxis: { type: "category", data: keys, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", minInterval: 1, splitNumber: 3 },
      series: [
        { type: "line", data: values, areaStyle: { opacity: 0.25 }, smooth: true, itemStyle: { color: "#e3b341" } },
      ],
    },
    total: f.alarms.total,
  };
}

const minutes = (ms: number | null) => (ms === null ? 0 : Math.round(ms / 6000) / 10);

export function responseChart(f: Figures, label: Label): Chart {
  if (f.alarms.mttaMs === null && f.alarms.mttrMs === null) return { option: emptyChart(label("ov.empty")), total: 0 };
  return {
    option: hbars(
      [label("ov.mtta"), label("ov.mttr")],
      [minutes(f.alarms.mttaMs), minutes(f.alarms.mttrMs)],
      "#3fb950",
    ),
    total: f.alarms.resolved,
  };
}

export function rollCallChart(f: Figures, label: Label): Chart {
  const r = f.rollcalls;
  if (r.onTime + r.late + r.missing === 0) return { option: emptyChart(label("ov.empty")), total: r.expected };
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
  if (o.receivers === 0) return { option: emptyChart(label("ov.empty")), total: 0 };
  return {
    option: hbars(
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
    option: hbars(
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
  if (s.live + s.starting + s.stalled + s.offline === 0) return { option: emptyChart(label("ov.noStreams")), total: 0 };
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
