// /reports (三研判): a day, month or quarter report for the province or one prison, with the previous
// period and the change, as a table; CSV download (the gateway's file) and a printable page.
import type { Report, ReportPeriod } from "@cw/protocol";
import { reportPeriods } from "@cw/protocol";
import { useEffect, useMemo, useState } from "react";
import { useStore } from "zustand";
import { errorText } from "../api/errorText";
import type { MessageKey } from "../i18n/i18n";
import { useLanguage, useT } from "../i18n/useT";
import { sessionStore } from "../session/sessionStore";
import { bureauToday } from "../time/clockStore";
import { ScrollRegion } from "../ui/ScrollRegion";
import { overviewApi, type ReportParams } from "./overviewApi";
import { usePrisons } from "./useOverview";
import "./overview.css";

export function metricLabel(t: (k: MessageKey, v?: Record<string, string | number>) => string, metric: string): string {
  const type = /^alarms\.type\.(.+)$/.exec(metric);
  if (type) return `${t("ov.kf.alarms")}: ${t(`alarmType.${type[1]}` as MessageKey)}`;
  const sev = /^alarms\.severity\.(\d)$/.exec(metric);
  if (sev) return t("ov.sevAlarms", { sev: sev[1] ?? "" });
  return t(`ov.metric.${metric}` as MessageKey);
}

export function ReportsPage() {
  const t = useT();
  const lang = useLanguage();
  const prisons = usePrisons();
  const scope = useStore(sessionStore, (s) => s.info?.prisonId ?? null);
  const [params, setParams] = useState<ReportParams>({ period: "day", date: bureauToday(), unit: scope ?? "" });
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setError(null);
    overviewApi
      .report(params)
      .then((r) => alive && setReport(r))
      .catch((e: unknown) => alive && setError(errorText(e)));
    return () => {
      alive = false;
    };
  }, [params]);
  const names = useMemo(() => new Map(prisons.map((p) => [p.id, p.name])), [prisons]);
  const unitName = (u: string) => (u === "province" ? t("ov.province") : (names.get(u) ?? u));
  const set = (patch: Partial<ReportParams>) => setParams((p) => ({ ...p, ...patch }));

  return (
    <div className="page ov-reports" data-testid="reports-page">
      <div className="page-toolbar no-print">
        <select
          className="select"
          data-testid="report-period"
          aria-label={t("ov.periodLabel")}
          value={params.period}
          onChange={(e) => set({ period: e.target.value as ReportPeriod })}
        >
          {reportPeriods.map((p) => (
            <option key={p} value={p}>
              {t(`ov.period.${p}` as MessageKey)}
            </option>
          ))}
        </select>
        <input
          className="select"
          type="date"
          data-testid="report-date"
          aria-label={t("rollcall.date")}
          value={params.date}
          onChange={(e) => e.target.value && set({ date: e.target.value })}
        />
        <select
          className="select"
          data-testid="report-unit"
          aria-label={t("ov.unitLabel")}
          value={params.unit}
          disabled={scope !== null}
          onChange={(e) => set({ unit: e.target.value })}
        >
          {scope === null && <option value="">{t("ov.province")}</option>}
          {prisons.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <a className="btn" data-testid="report-csv" href={overviewApi.csvUrl({ ...params, lang })} download>
          {t("ov.csv")}
        </a>
        <button type="button" className="btn" data-testid="report-print" onClick={() => window.print()}>
          {t("ov.print")}
        </button>
      </div>
      {error && (
        <div className="ov-error" role="alert">
          {error}
        </div>
      )}
      {report && (
        <ScrollRegion className="page-body page-scroll ov-report" label={t("ov.reports")}>
          <h1>{t("ov.reportTitle", { unit: unitName(report.unit ?? "province"), label: report.label })}</h1>
          <p className="ov-muted">{t("ov.comparedWith", { label: report.previousLabel })}</p>
          <table className="ov-table" data-testid="report-table">
            <thead>
              <tr>
                <th>{t("ov.col.unit")}</th>
                <th>{t("ov.col.metric")}</th>
                <th>{t("ov.col.current")}</th>
                <th>{t("ov.col.previous")}</th>
                <th>{t("ov.col.delta")}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr
                  key={`${r.unit}|${r.metric}`}
                  data-testid={`report-row-${r.unit}-${r.metric}`}
                  data-current={r.current ?? ""}
                >
                  <td>{unitName(r.unit)}</td>
                  <td>{metricLabel(t, r.metric)}</td>
                  <td className="num">{r.current ?? "—"}</td>
                  <td className="num">{r.previous ?? "—"}</td>
                  <td
                    className={`num ${r.delta !== null && r.delta > 0 ? "up" : r.delta !== null && r.delta < 0 ? "down" : ""}`}
                  >
                    {r.delta === null ? "—" : r.delta > 0 ? `+${r.delta}` : r.delta}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
