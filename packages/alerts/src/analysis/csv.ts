// A report as CSV for Excel: RFC 4180 (CRLF line ends, fields with a comma, quote, CR or LF quoted,
// quotes doubled), with a UTF-8 byte-order mark so Excel reads Chinese labels as UTF-8. Pure text.
import type { Report } from "@cw/protocol";

export const CSV_BOM = "\uFEFF";

/** Optional display names: for the header, metrics and units (the wall's or the gateway's table). */
export interface CsvLabels {
  header?: readonly [string, string, string, string, string, string];
  metric?: (metric: string) => string;
  unit?: (unit: string) => string;
}

export function csvField(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(report: Report, labels: CsvLabels = {}): string {
  const header = labels.header ?? ["period", "unit", "metric", "current", "previous", "delta"];
  const lines = [header.map(csvField).join(",")];
  for (const r of report.rows) {
    lines.push(
      [
        report.label,
        labels.unit ? labels.unit(r.unit) : r.unit,
        labels.metric ? labels.metric(r.metric) : r.metric,
        r.current,
        r.previous,
        r.delta,
      ]
        .map(csvField)
        .join(","),
    );
  }
  return `${CSV_BOM}${lines.join("\r\n")}\r\n`;
}
