// /inspection — the bureau chief's daily inspection: today's drawn block (or an ad-hoc one), the
// commitment and a link to verify the draw, redraw with a reason, the cameras, live facts, the
// checklist and rating, findings captured from tiles, and the history with the coverage heat map.
import type { InspectionView } from "@cw/protocol";
import { useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { useCan } from "../session/useCan";
import { inspectionApi } from "./api";
import { CameraGrid, type Capture } from "./CameraGrid";
import { ChecklistPanel } from "./ChecklistPanel";
import { FactsPanel } from "./FactsPanel";
import { FindingForm } from "./FindingForm";
import { FindingsList } from "./FindingsList";
import { HistoryPanel } from "./HistoryPanel";
import { Link, PageHeader } from "./PageHeader";
import { useLoad } from "./useLoad";
import "./inspection.css";

function Redraw({ ins, onDone }: { ins: InspectionView; onDone: () => void }) {
  const t = useT();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  if (ins.kind !== "drawn" || ins.completedAt !== null || ins.findings.length > 0) return null;
  const redraw = () =>
    inspectionApi.redraw(ins.date, reason).then(
      () => {
        setReason("");
        onDone();
      },
      (err: unknown) => setError(errorText(err)),
    );
  return (
    <div className="insp-redraw">
      <input
        data-testid="redraw-reason"
        placeholder={t("insp.redrawReason")}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        className="btn"
        data-testid="redraw"
        disabled={reason.trim() === ""}
        onClick={() => void redraw()}
      >
        {t("insp.redraw")}
      </button>
      {error && <span className="insp-problem">{error}</span>}
    </div>
  );
}

export function InspectionPage() {
  const t = useT();
  const { data: day, error, reload } = useLoad(() => inspectionApi.today(), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [capture, setCapture] = useState<Capture | null>(null);
  const canReview = useCan("rectifications.review");

  if (!day) {
    return (
      <div className="page insp-page">
        <PageHeader title={t("insp.title")} />
        <p className="insp-muted">{error ?? t("insp.loading")}</p>
      </div>
    );
  }
  const ins = day.inspections.find((i) => i.id === selected) ?? day.inspections[0];
  return (
    <div className="page insp-page">
      <PageHeader title={t("insp.title")} />
      <div className="page-body page-scroll insp-main">
        <section className="insp-panel insp-target">
          {day.inspections.length > 1 && (
            <div className="insp-tabs">
              {day.inspections.map((i) => (
                <button
                  key={i.id}
                  type="button"
                  className={`btn btn-small ${i.id === ins?.id ? "insp-on" : ""}`}
                  onClick={() => setSelected(i.id)}
                >
                  {t(`insp.kind.${i.kind}`)} {i.blockName}
                </button>
              ))}
            </div>
          )}
          {ins ? (
            <>
              <h2
                data-testid="inspection-target"
                data-prison-id={ins.prisonId}
                data-block-id={ins.blockId}
                data-kind={ins.kind}
              >
                {t("insp.target", { prison: ins.prisonName, block: ins.blockName })}
              </h2>
              <p>
                <span className={`insp-kind insp-kind-${ins.kind}`}>{t(`insp.kind.${ins.kind}`)}</span>{" "}
                {ins.attempt > 0 && t("insp.redrawn", { n: ins.attempt })}
              </p>
            </>
          ) : (
            <p data-testid="inspection-none">{t("insp.noDraw", { time: day.drawTime })}</p>
          )}
          {day.commitment && (
            <p className="insp-hash">
              {t("insp.commitment")}: <code data-testid="inspection-commitment">{day.commitment.commitment}</code>
            </p>
          )}
          {day.nextCommitment && (
            <p className="insp-hash">
              {t("insp.nextCommitment")}: <code>{day.nextCommitment.commitment}</code>
            </p>
          )}
          <p className="insp-links">
            <Link to={`/inspection/verify/${day.date}`} testId="inspection-verify-link">
              {t("insp.verify")}
            </Link>
            <Link to={`/inspection/record/${day.date}`} testId="inspection-record-link">
              {t("insp.record")}
            </Link>
          </p>
          {ins && <Redraw ins={ins} onDone={reload} />}
        </section>
        {ins && (
          <>
            <CameraGrid ins={ins} onCapture={setCapture} />
            <div className="insp-side">
              <FactsPanel facts={ins.facts} />
              {capture && ins.completedAt === null && (
                <FindingForm
                  date={ins.date}
                  inspectionId={ins.id}
                  capture={capture}
                  onDone={() => {
                    setCapture(null);
                    reload();
                  }}
                />
              )}
              <ChecklistPanel key={ins.id} day={day} ins={ins} onChanged={reload} />
              <section className="insp-panel">
                <h2>{t("insp.findings")}</h2>
                <FindingsList findings={ins.findings} canReview={canReview} onChanged={reload} />
              </section>
            </div>
          </>
        )}
        <HistoryPanel today={day.date} />
      </div>
    </div>
  );
}
