// /overview: the province map with the prison list and panel, key figures, the live dashboards and the
// ticker. Everything follows the live `overview` topic (coalesced by the gateway).

import { useCallback, useMemo, useState } from "react";
import { useT } from "../i18n/useT";
import { formatBureau } from "../time/clockStore";
import { ScrollRegion } from "../ui/ScrollRegion";
import { Charts } from "./Charts";
import type { XY } from "./geo";
import { KeyFigures } from "./KeyFigures";
import { Legend, LinkDownBanner, PrisonList } from "./PrisonList";
import { PrisonPanel } from "./PrisonPanel";
import { ProvinceMap } from "./ProvinceMap";
import { Ticker } from "./Ticker";
import { useMapPrisons, useOverview, usePulses } from "./useOverview";
import "./overview.css";

export function OverviewPage() {
  const t = useT();
  const overview = useOverview();
  const prisons = useMapPrisons(overview);
  const pulses = usePulses(overview);
  const [range, setRange] = useState<"today" | "week">("today");
  const [selected, setSelected] = useState<string | null>(null);
  const [positions, setPositions] = useState<Record<string, XY>>({});
  const names = useMemo(() => new Map(prisons.map((p) => [p.id, p.name])), [prisons]);
  const prisonName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const picked = prisons.find((p) => p.id === selected);

  return (
    <div className="page ov-page" data-testid="overview-page">
      <div className="page-toolbar ov-toolbar">
        <fieldset className="ov-range" aria-label={t("ov.range")}>
          {(["today", "week"] as const).map((r) => (
            <button
              key={r}
              type="button"
              className={`btn ${range === r ? "btn-primary" : "btn-ghost"}`}
              data-testid={`range-${r}`}
              aria-pressed={range === r}
              onClick={() => setRange(r)}
            >
              {t(r === "today" ? "ov.today" : "ov.week")}
            </button>
          ))}
        </fieldset>
        <span className="ov-asof muted">
          {t("ov.asOf", { date: overview ? formatBureau.dateTime(overview.at) : "" })}
        </span>
      </div>
      {overview === null ? (
        <div className="ov-loading">{t("tree.loading")}</div>
      ) : (
        <div className="page-body ov-main">
          <section className="ov-map-area">
            <ProvinceMap prisons={prisons} pulses={pulses} onPick={setSelected} onLayout={setPositions} />
            <Legend />
            <LinkDownBanner prisons={prisons} />
          </section>
          <section className="ov-side">
            <PrisonList prisons={prisons} positions={positions} onPick={setSelected} selected={selected} />
            {picked && <PrisonPanel name={picked.name} status={picked.status} onClose={() => setSelected(null)} />}
          </section>
          <ScrollRegion className="ov-figures" label={t("ov.title")}>
            <KeyFigures f={range === "today" ? overview.today : overview.week} streams={overview.streams} />
            <Charts
              f={range === "today" ? overview.today : overview.week}
              streams={overview.streams}
              prisonName={prisonName}
            />
            <Ticker ticks={overview.ticker} prisonName={prisonName} />
          </ScrollRegion>
        </div>
      )}
    </div>
  );
}
