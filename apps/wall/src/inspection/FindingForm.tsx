// The finding form after a capture: the snapshot, a note (`finding-note`), a severity
// (`finding-severity`), a deadline in days and submit (`finding-submit`). Posts the finding; the
// gateway opens its rectification for the prison.
import { useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { inspectionApi } from "./api";
import type { Capture } from "./CameraGrid";

export function FindingForm(props: { date: string; inspectionId: string; capture: Capture; onDone: () => void }) {
  const t = useT();
  const [note, setNote] = useState("");
  const [severity, setSeverity] = useState(2);
  const [days, setDays] = useState(7);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    setBusy(true);
    inspectionApi
      .finding(props.date, {
        inspectionId: props.inspectionId,
        note,
        severity,
        deadlineDays: days,
        snapshot: props.capture.snapshot,
        cameraId: props.capture.cameraId,
      })
      .then(
        () => props.onDone(),
        (err: unknown) => {
          setBusy(false);
          setError(errorText(err));
        },
      );
  };
  return (
    <section className="insp-panel insp-finding-form" data-testid="finding-form">
      <h2>{t("insp.finding.title", { camera: props.capture.cameraName })}</h2>
      <img className="insp-snapshot" alt="" src={`data:image/jpeg;base64,${props.capture.snapshot}`} />
      <label>
        {t("insp.finding.note")}
        <textarea data-testid="finding-note" value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
      </label>
      <label>
        {t("insp.finding.severity")}
        <select data-testid="finding-severity" value={severity} onChange={(e) => setSeverity(Number(e.target.value))}>
          {[1, 2, 3].map((s) => (
            <option key={s} value={s}>
              {t(`insp.severity.${s}` as "insp.severity.1")}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("insp.finding.deadline")}
        <input
          type="number"
          min={1}
          max={365}
          data-testid="finding-deadline"
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
        />
      </label>
      {error && <div className="insp-problem">{error}</div>}
      <div className="insp-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="finding-submit"
          disabled={busy || note.trim() === ""}
          onClick={submit}
        >
          {t("insp.finding.submit")}
        </button>
        <button type="button" className="btn btn-ghost" onClick={props.onDone}>
          {t("insp.finding.cancel")}
        </button>
      </div>
    </section>
  );
}
