// History: the coverage heat map of the last six months and the inspections of the last 30 days, each
// linking to its printable record.
import { useT } from "../i18n/useT";
import { navigate } from "../router";
import { inspectionApi } from "./api";
import { HeatMap } from "./HeatMap";
import { shiftDate } from "./model";
import { useLoad } from "./useLoad";

export function HistoryPanel({ today }: { today: string }) {
  const t = useT();
  const coverage = useLoad(() => inspectionApi.coverage(shiftDate(today, -181), today), [today]);
  const history = useLoad(() => inspectionApi.history(shiftDate(today, -29), today), [today]);
  return (
    <section className="insp-panel insp-history" data-testid="inspection-history">
      <h2>{t("insp.coverage")}</h2>
      {coverage.data && <HeatMap coverage={coverage.data} />}
      <h2>{t("insp.history")}</h2>
      <ul>
        {history.data?.days.flatMap((d) =>
          d.inspections.map((i) => (
            <li key={i.id}>
              <a
                href={`/inspection/record/${i.date}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/inspection/record/${i.date}`);
                }}
              >
                {i.date} {i.prisonName} · {i.blockName}
              </a>{" "}
              <span className="insp-muted">
                {t(`insp.kind.${i.kind}`)} {i.rating ? t(`insp.rating.${i.rating}`) : ""}{" "}
                {i.completed ? t("insp.completed") : ""}
              </span>
            </li>
          )),
        )}
      </ul>
    </section>
  );
}
