// /inspection/verify/:date — anyone re-computes a day's draw IN THIS BROWSER with the pure verifyDraw
// of @cw/alerts on the events the API returns (the commitment, each draw with its revealed secret and
// candidate list), and sees every check ✓/✗ beside the server's own answer.

import { verifyDraw } from "@cw/alerts";
import type { InspectionVerify } from "@cw/protocol";
import { useT } from "../i18n/useT";
import { useNames } from "../ui/names";
import { inspectionApi } from "./api";
import { PageHeader } from "./PageHeader";
import { useLoad } from "./useLoad";
import "./inspection.css";

function recompute(v: InspectionVerify) {
  const history =
    v.inputs === null
      ? undefined
      : {
          blocks: v.inputs.blocks,
          history: { lastInspected: v.inputs.lastInspected, recentAlarms: v.inputs.recentAlarms },
        };
  return v.events.drawn.map((d) => verifyDraw(d, v.events.committed, history));
}

export function VerifyPage({ date }: { date: string }) {
  const t = useT();
  const names = useNames();
  const { data, error } = useLoad(() => inspectionApi.verify(date), [date]);
  const local = data ? recompute(data) : [];
  const ok = data !== null && local.length > 0 && local.every((r) => r.ok);
  const bootstrap =
    data?.events.committed != null &&
    data.events.drawn[0] !== undefined &&
    data.events.drawn[0].at - data.events.committed.at <= 1;
  return (
    <div className="page insp-page">
      <PageHeader title={t("insp.verify.title", { date })} />
      <div className="page-body page-scroll insp-verify">
        {!data && <p>{error ?? t("insp.loading")}</p>}
        {data && data.draws.length === 0 && <p data-testid="verify-none">{t("insp.verify.none")}</p>}
        {data && data.draws.length > 0 && (
          <p className={ok ? "insp-ok" : "insp-bad"} data-testid="verify-result" data-ok={String(ok)}>
            {ok ? t("insp.verify.ok") : t("insp.verify.fail")}
          </p>
        )}
        {bootstrap && <p className="insp-muted">{t("insp.verify.bootstrap")}</p>}
        {data?.events.redrawn.map((r) => (
          <p key={r.at}>{t("insp.verify.redrawReason", { reason: r.reason })}</p>
        ))}
        {data?.draws.map((d, i) => (
          <section key={d.attempt} className="insp-panel" data-testid={`verify-draw-${d.attempt}`}>
            <h2>
              {t("insp.verify.attempt", {
                n: d.attempt + 1,
                prison: names.name(d.prisonId),
                block: names.name(d.blockId),
              })}
            </h2>
            <table className="insp-checks">
              <thead>
                <tr>
                  <th />
                  <th>{t("insp.verify.browser")}</th>
                  <th>{t("insp.verify.server")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {(local[i]?.checks ?? []).map((c) => {
                  const server = d.verification.checks.find((s) => s.name === c.name);
                  return (
                    <tr key={c.name} data-testid={`check-row-${c.name}`} data-ok={String(c.ok)}>
                      <td>{c.name}</td>
                      <td className={c.ok ? "insp-ok" : "insp-bad"}>{c.ok ? "✓" : "✗"}</td>
                      <td className={server?.ok ? "insp-ok" : "insp-bad"}>{server ? (server.ok ? "✓" : "✗") : "—"}</td>
                      <td className="insp-detail">{c.detail}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </div>
  );
}
