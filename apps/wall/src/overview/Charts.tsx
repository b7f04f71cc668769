// The live dashboards: eight ECharts panels built from the overview's figures for the chosen range
// (today or the last 7 days). Options are memoised per overview, which the gateway already coalesces.
import type { Figures, StreamCounts } from "@cw/protocol";
import { useMemo } from "react";
import type { MessageKey } from "../i18n/i18n";
import { useT } from "../i18n/useT";
import {
  byPrisonChart,
  byTimeChart,
  byTypeChart,
  inspectionChart,
  ordersChart,
  responseChart,
  rollCallChart,
  streamsChart,
} from "./chartOptions";
import { EChart } from "./EChart";

export function Charts({
  f,
  streams,
  prisonName,
}: {
  f: Figures;
  streams: StreamCounts;
  prisonName(id: string): string;
}) {
  const t = useT();
  const charts = useMemo(() => {
    const label = (k: string) => t(k as MessageKey);
    return [
      ["types", "ov.chart.types", byTypeChart(f, label)],
      ["prisons", "ov.chart.prisons", byPrisonChart(f, prisonName, label)],
      ["hours", "ov.chart.hours", byTimeChart(f)],
      ["response", "ov.chart.response", responseChart(f, label)],
      ["rollcalls", "ov.chart.rollcalls", rollCallChart(f, label)],
      ["orders", "ov.chart.orders", ordersChart(f, label)],
      ["inspections", "ov.chart.inspections", inspectionChart(f, label)],
      ["streams", "ov.chart.streams", streamsChart(streams, label)],
    ] as const;
  }, [f, streams, prisonName, t]);
  return (
    <div className="ov-charts">
      {charts.map(([name, title, c]) => (
        <EChart key={name} name={name} title={t(title)} option={c.option} total={c.total} />
      ))}
    </div>
  );
}
