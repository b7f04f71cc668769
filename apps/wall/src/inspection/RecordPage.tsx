// /inspection/record/:date — the printable record of a day's inspections: target, kind, checklist,
// rating, findings with snapshots and rectification state; "print" opens the browser's print dialog
// (save as PDF there). Print CSS hides the chrome.
import { useLanguage, useT } from "../i18n/useT";
import { useCan } from "../session/useCan";
import { formatBureau } from "../time/clockStore";
import { inspectionApi } from "./api";
import { FindingsList } from "./FindingsList";
import { PageHeader } from "./PageHeader";
import { useLoad } from "./useLoad";
import "./inspection.css";

export function RecordPage({ date }: { date: string }) {
  const t = useT();
  const lang = useLanguage();
  const canReview = useCan("rectifications.review");
  const { data, error, reload } = useLoad(() => inspectionApi.day(date), [date]);
  return (
    <div className="page insp-page insp-record">
      <PageHeader title={t("insp.record.title")} />
      <div className="page-body page-scroll insp-record-body">
        <button type="button" className="btn no-print" data-testid="record-print" onClick={() => window.print()}>
          {t("insp.print")}
        </button>
        {!data && <p>{error ?? t("insp.loading")}</p>}
        {data?.inspections.map((ins) => {
          const closed = ins.completedAt !== null && ins.findings.every((f) => f.rectification.state === "accepted");
          return (
            <article
              key={ins.id}
              className="insp-record-item"
              data-testid="record-inspection"
              data-closed={String(closed)}
            >
              <h1>
                {t("insp.record.title")} · {ins.date}
              </h1>
              <h2>
                {t("insp.target", { prison: ins.prisonName, block: ins.blockName })} ({t(`insp.kind.${ins.kind}`)})
              </h2>
              <p data-testid="record-status" className={closed ? "insp-ok" : "insp-bad"}>
                {closed ? t("insp.record.closed") : t("insp.record.open")}
              </p>
              {ins.completedAt !== null && (
                <p>
                  {t("insp.record.by", {
                    by: (ins.completedBy ?? "").replace(/^user:/, ""),
                    at: formatBureau.dateTime(ins.completedAt),
                  })}
                </p>
              )}
              <p>
                {t("insp.rating")}: {ins.rating ? t(`insp.rating.${ins.rating}`) : "—"} {ins.summary}
              </p>
              <table className="insp-checks">
                <tbody>
                  {data.checklist.map((item) => {
                    const a = ins.checklist[item.id];
                    return (
                      <tr key={item.id}>
                        <td>{lang === "en" ? item.nameEn : item.name}</td>
                        <td>{a ? t(`insp.${a.result}`) : "—"}</td>
                        <td>{a?.note ?? ""}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <h3>{t("insp.findings")}</h3>
              <FindingsList findings={ins.findings} canReview={canReview} onChanged={reload} />
            </article>
          );
        })}
      </div>
    </div>
  );
}
