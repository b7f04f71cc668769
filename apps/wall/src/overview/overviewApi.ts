// The overview's HTTP calls, validated with the shared protocol schemas.
import { type Overview, type Report, type ReportPeriod, zOverview, zReport } from "@cw/protocol";
import { requestParsed } from "../api/http";

export interface ReportParams {
  period: ReportPeriod;
  date: string;
  /** A prison id, or "" for the province. */
  unit: string;
  lang?: "zh-CN" | "en";
}

export function reportQuery(p: ReportParams): string {
  const qs = new URLSearchParams({ period: p.period, date: p.date });
  if (p.unit !== "") qs.set("unit", p.unit);
  if (p.lang) qs.set("lang", p.lang);
  return qs.toString();
}

export const overviewApi = {
  overview: (): Promise<Overview> => requestParsed(zOverview, "/api/v1/overview"),
  report: (p: ReportParams): Promise<Report> => requestParsed(zReport, `/api/v1/reports?${reportQuery(p)}`),
  csvUrl: (p: ReportParams): string => `/api/v1/reports.csv?${reportQuery(p)}`,
};
