// The key figures as big numbers: alarms (open, total), MTTA/MTTR, roll-call compliance, sign-for
// rate, inspection coverage, streams live. data-testid per figure for tests.
import type { Figures, StreamCounts } from "@cw/protocol";
import { useT } from "../i18n/useT";

const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)}%`);
const min = (ms: number | null) => (ms === null ? "—" : `${(ms / 60_000).toFixed(1)}′`);

export function KeyFigures({ f, streams }: { f: Figures; streams: StreamCounts }) {
  const t = useT();
  const items: Array<[string, string, string | number]> = [
    ["alarms-total", t("ov.kf.alarms"), f.alarms.total],
    ["alarms-unresolved", t("ov.kf.unresolved"), f.alarms.unresolved],
    ["mtta", t("ov.mtta"), min(f.alarms.mttaMs)],
    ["mttr", t("ov.mttr"), min(f.alarms.mttrMs)],
    ["rollcall", t("ov.kf.rollcall"), pct(f.rollcalls.compliance)],
    ["signrate", t("ov.kf.signRate"), pct(f.orders.signRate)],
    ["coverage", t("ov.kf.coverage"), pct(f.inspections.coverage)],
    ["streams-live", t("ov.kf.streamsLive"), streams.live],
  ];
  return (
    <div className="ov-kf">
      {items.map(([id, label, value]) => (
        <div key={id} className="ov-kf-item" data-testid={`kf-${id}`}>
          <div className="ov-kf-value">{value}</div>
          <div className="ov-kf-label">{label}</div>
        </div>
      ))}
    </div>
  );
}
