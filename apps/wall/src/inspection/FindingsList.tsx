// Findings with their snapshot and rectification: state, light, deadline, the prison's reports (with
// photos) and the reviews; for the bureau, accept / return on a submitted report (`rect-accept`,
// `rect-return`). Shared by the inspection page and the printable record.

import type { FindingView } from "@cw/protocol";
import { useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { formatBureau } from "../time/clockStore";
import { inspectionApi } from "./api";

function Review({ finding, onChanged }: { finding: FindingView; onChanged: () => void }) {
  const t = useT();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const act = (decision: "accept" | "return") =>
    inspectionApi.review(finding.id, decision, note).then(onChanged, (err: unknown) => setError(errorText(err)));
  return (
    <div className="insp-review no-print">
      <input
        placeholder={t("insp.rect.returnNote")}
        value={note}
        data-testid="rect-review-note"
        onChange={(e) => setNote(e.target.value)}
      />
      <button
        type="button"
        className="btn btn-primary btn-small"
        data-testid="rect-accept"
        onClick={() => void act("accept")}
      >
        {t("insp.rect.accept")}
      </button>
      <button type="button" className="btn btn-small" data-testid="rect-return" onClick={() => void act("return")}>
        {t("insp.rect.return")}
      </button>
      {error && <span className="insp-problem">{error}</span>}
    </div>
  );
}

export function RectificationStatus({ f }: { f: FindingView }) {
  const t = useT();
  const r = f.rectification;
  return (
    <div className="insp-rect-status">
      <span className={`insp-state insp-state-${r.state}`} data-testid="rect-state" data-state={r.state}>
        {t(`insp.rect.state.${r.state}`)}
      </span>
      {r.light && (
        <span className={`insp-light insp-light-${r.light}`} data-testid="rect-light" data-light={r.light}>
          {t(`insp.light.${r.light}`)}
        </span>
      )}
      <span>{t("insp.rect.deadline", { date: formatBureau.date(r.deadline) })}</span>
    </div>
  );
}

export function FindingsList(props: { findings: FindingView[]; canReview: boolean; onChanged: () => void }) {
  const t = useT();
  if (props.findings.length === 0) return <p className="insp-muted">{t("insp.noFindings")}</p>;
  return (
    <ol className="insp-findings">
      {props.findings.map((f) => (
        <li key={f.id} data-testid="finding-row" data-finding-id={f.id}>
          {f.snapshotUrl && <img className="insp-snapshot" data-testid="finding-snapshot" alt="" src={f.snapshotUrl} />}
          <div className="insp-finding-body">
            <p>
              <strong>{t(`insp.severity.${f.severity}` as "insp.severity.1")}</strong>{" "}
              {f.cameraWithheld ? t("camera.withheld") : (f.cameraName ?? "")} — {f.note}
            </p>
            <RectificationStatus f={f} />
            {f.rectification.reports.map((r) => (
              <div key={`${r.round}-${r.at}`} className="insp-report">
                {t("insp.rect.reported", { by: r.by.replace(/^user:/, ""), text: r.text })}
                {r.photoUrl && <img className="insp-photo" alt="" src={r.photoUrl} />}
              </div>
            ))}
            {f.rectification.reviews.map((r) => (
              <div key={`${r.round}-${r.at}`} className="insp-report">
                {t("insp.rect.reviewed", {
                  by: r.by.replace(/^user:/, ""),
                  decision: t(r.decision === "accept" ? "insp.rect.accept" : "insp.rect.return"),
                  note: r.note,
                })}
              </div>
            ))}
            {props.canReview && f.rectification.state === "submitted" && (
              <Review finding={f} onChanged={props.onChanged} />
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
