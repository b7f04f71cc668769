// One ECharts instance in a div: created on mount, resized with its box, disposed on unmount. The
// option is applied when it changes (the overview arrives coalesced, ≤ ~3 a second). data-total carries
// the chart's current total so tests can read what the canvas shows.
//
// ECharts sizes its text in CSS pixels, while the wall's type scales with the screen (1rem follows the
// viewport: 13 px on a 1366 console, 28 px on a 3840 output). So the chart is laid out at 1/scale of its
// box and drawn scaled up (canvas at scale × device pixels, so it stays sharp): its labels read at the
// same size as the text around them on every screen, and never shrink to specks on a 4K wall.
import { useEffect, useRef } from "react";
import { type ChartOption, echarts } from "./echarts";

export interface EChartProps {
  name: string;
  title: string;
  option: ChartOption;
  total: number;
  className?: string;
}

/** The wall's type scale against ECharts' 12 px labels (13 px root = 1). */
function textScale(): number {
  const root = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(root) ? Math.max(1, root / 13) : 1;
}

export function EChart({ name, title, option, total, className }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const outer = box.current;
    const inner = host.current;
    if (!outer || !inner) return;
    let scale = textScale();
    const fit = () => {
      scale = textScale();
      inner.style.width = `${outer.clientWidth / scale}px`;
      inner.style.height = `${outer.clientHeight / scale}px`;
      inner.style.transform = `scale(${scale})`;
    };
    fit();
    const c = echarts.init(inner, "dark", { renderer: "canvas", devicePixelRatio: window.devicePixelRatio * scale });
    chart.current = c;
    const ro = new ResizeObserver(() => {
      fit();
      c.resize();
    });
    ro.observe(outer);
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
      <div className="ov-chart-canvas" ref={box}>
        <div className="ov-chart-host" ref={host} />
      </div>
    </section>
  );
}
