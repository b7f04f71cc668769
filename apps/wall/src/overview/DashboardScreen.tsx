// /screen/dashboard: the chrome-less big-screen output — map, key figures and the alarm ticker on a
// dark stage laid out for 16:9 (1920×1080 and 3840×2160). Sizes are in rem and the root font size
// follows the window width (16 px at 1920), so the same layout fills a 4K output crisply.

import { useCallback, useEffect, useMemo } from "react";
import { useT } from "../i18n/useT";
import { ConnState } from "../ui/ConnState";
import { Charts } from "./Charts";
import { KeyFigures } from "./KeyFigures";
import { Legend, LinkDownBanner } from "./PrisonList";
import { ProvinceMap } from "./ProvinceMap";
import { Ticker } from "./Ticker";
import { useMapPrisons, useOverview, usePulses } from "./useOverview";
import "./overview.css";

/** Root font size for a window width: 16 px per 1920 px, never below 12. */
export function remFor(width: number): number {
  return Math.max(12, (16 * width) / 1920);
}

function useRemScaling(): void {
  useEffect(() => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    const apply = () => {
      root.style.fontSize = `${remFor(window.innerWidth)}px`;
    };
    apply();
    window.addEventListener("resize", apply);
    return () => {
      window.removeEventListener("resize", apply);
      root.style.fontSize = before;
    };
  }, []);
}

export function DashboardScreen() {
  const t = useT();
  useRemScaling();
  // The dashboards show the coalesced overview only: not the per-alarm messages of an alarm storm.
  const overview = useOverview();
  const prisons = useMapPrisons(overview);
  const pulses = usePulses(overview);
  const names = useMemo(() => new Map(prisons.map((p) => [p.id, p.name])), [prisons]);
  const prisonName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const noop = useCallback(() => undefined, []);
  useEffect(() => {
    document.title = `${t("ov.bigScreen")} · ${t("app.title")}`;
  }, [t]);
  return (
    <div className="ov-screen" data-testid="screen-dashboard">
      <header className="ov-screen-head">
        <h1>{t("ov.screenTitle")}</h1>
        <ConnState />
      </header>
      {overview && (
        <>
          <section className="ov-screen-map">
            <ProvinceMap
              prisons={prisons}
              pulses={pulses}
              onPick={noop}
              markerPx={Math.round(remFor(window.innerWidth) * 0.8)}
            />
            <Legend />
            <LinkDownBanner prisons={prisons} />
          </section>
          <section className="ov-screen-figures">
            <KeyFigures f={overview.today} streams={overview.streams} />
            <Charts f={overview.today} streams={overview.streams} prisonName={prisonName} />
          </section>
          <section className="ov-screen-ticker">
            <h2>{t("ov.ticker")}</h2>
            <Ticker ticks={overview.ticker} prisonName={prisonName} />
          </section>
        </>
      )}
    </div>
  );
}
