// The inspected block's live facts: the last roll call's headcount, open alarms and open orders.
import type { BlockFactsView } from "@cw/protocol";
import { useT } from "../i18n/useT";
import { formatBureau } from "../time/clockStore";

export function FactsPanel({ facts }: { facts: BlockFactsView }) {
  const t = useT();
  const rc = facts.lastRollCall;
  return (
    <section className="insp-panel insp-facts" data-testid="inspection-facts">
      <h2>{t("insp.facts")}</h2>
      {!facts.available && <p className="insp-muted">{t("insp.factsUnavailable")}</p>}
      <p data-testid="facts-headcount" className={rc && rc.present !== rc.expected ? "insp-bad" : ""}>
        {rc
          ? t("insp.headcount", {
              present: rc.present,
              expected: rc.expected,
              checkpoint: formatBureau.time(rc.scheduledAt, false),
            })
          : t("insp.noRollCall")}
      </p>
      <p data-testid="facts-alarms">{t("insp.openAlarms", { n: facts.openAlarms.length })}</p>
      <p data-testid="facts-orders">{t("insp.openOrders", { n: facts.openOrders.length })}</p>
    </section>
  );
}
