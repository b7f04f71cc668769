// The checklist of standards (`check-<itemId>-pass|issue`, each click is saved at once), the overall
// rating (`inspection-rating`), a summary and "complete" (`inspection-complete`).
import type { InspectionDay, InspectionView } from "@cw/protocol";
import { useState } from "react";
import { errorText } from "../api/errorText";
import { useLanguage, useT } from "../i18n/useT";
import { inspectionApi } from "./api";

const ratings = ["excellent", "good", "fair", "poor"] as const;

export function ChecklistPanel(props: { day: InspectionDay; ins: InspectionView; onChanged: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const { ins } = props;
  const done = ins.completedAt !== null;
  const [rating, setRating] = useState<string>(ins.rating ?? "");
  const [summary, setSummary] = useState(ins.summary);
  const [error, setError] = useState<string | null>(null);
  const fail = (err: unknown) => setError(errorText(err));
  const answer = (itemId: string, result: "pass" | "issue") =>
    inspectionApi.checklist(ins.date, ins.id, [{ itemId, result }]).then(() => {
      setError(null);
      props.onChanged();
    }, fail);
  const complete = () =>
    inspectionApi.complete(ins.date, ins.id, rating, summary).then(() => {
      setError(null);
      props.onChanged();
    }, fail);
  return (
    <section className="insp-panel insp-checklist" data-testid="inspection-checklist">
      <h2>{t("insp.checklist")}</h2>
      <ul>
        {props.day.checklist.map((item) => {
          const got = ins.checklist[item.id]?.result;
          return (
            <li key={item.id} data-result={got ?? "none"} data-testid={`check-${item.id}`}>
              <span>{lang === "en" ? item.nameEn : item.name}</span>
              {(["pass", "issue"] as const).map((r) => (
                <button
                  key={r}
                  type="button"
                  className={`btn btn-small ${got === r ? `insp-on insp-${r}` : ""}`}
                  data-testid={`check-${item.id}-${r}`}
                  aria-pressed={got === r}
                  disabled={done}
                  onClick={() => void answer(item.id, r)}
                >
                  {t(`insp.${r}`)}
                </button>
              ))}
            </li>
          );
        })}
      </ul>
      <label>
        {t("insp.rating")}
        <select
          data-testid="inspection-rating"
          value={rating}
          disabled={done}
          onChange={(e) => setRating(e.target.value)}
        >
          <option value="">{t("insp.rating.none")}</option>
          {ratings.map((r) => (
            <option key={r} value={r}>
              {t(`insp.rating.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("insp.summary")}
        <textarea value={summary} disabled={done} rows={2} onChange={(e) => setSummary(e.target.value)} />
      </label>
      {error && (
        <div className="insp-problem" data-testid="inspection-error">
          {error}
        </div>
      )}
      {done ? (
        <p className="insp-done" data-testid="inspection-completed">
          {t("insp.completed")}
        </p>
      ) : (
        <button
          type="button"
          className="btn btn-primary"
          data-testid="inspection-complete"
          disabled={rating === ""}
          onClick={() => void complete()}
        >
          {t("insp.complete")}
        </button>
      )}
    </section>
  );
}
