// One ECharts instance in a div: created on mount, resized with its box, disposed on unmount. The
// option is applied when it changes (the overview arrives coalesced, ≤ ~3 a second). data-total carries
// the chart's current total so tests can read what the canvas shows.
import { useEffect, useRef } from "react";
import { type ChartOption, echarts } from "./echarts";

export interface EChartProps {
  name: string;
  title: string;
  option: ChartOption;
  total: number;
  className?: string;
}

export function EChart({ name, title, option, total, className }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, "dark", { renderer: "canvas" });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  return (
    <section className={`ov-chart ${className ?? ""}`} data-testid={`chart-${name}`} data-total={total}>
      <h3 className="ov-chart-title">
        {title} <span className="ov-chart-total">{total}</span>
      </h3>
      <div className="ov-chart-canvas" ref={box} />
    </section>
  );
}
