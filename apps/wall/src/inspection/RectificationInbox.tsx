// The prison's rectification inbox (整改通知), mounted on the /unit terminal: every finding the bureau
// sent to this prison with its snapshot, deadline and light; report back with text and an optional
// JPEG photo (`rect-report-text`, `rect-report-photo`, `rect-report-submit`).
import type { FindingView } from "@cw/protocol";
import { useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { inspectionApi } from "./api";
import { fileToBase64 } from "./capture";
import { RectificationStatus } from "./FindingsList";
import { useLoad } from "./useLoad";
import "./inspection.css";

function ReportForm({ f, onDone }: { f: FindingView; onDone: () => void }) {
  const t = useT();
  const [text, setText] = useState("");
  const [photo, setPhoto] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    try {
      await inspectionApi.report(f.id, text, photo ? await fileToBase64(photo) : undefined);
      setText("");
      setPhoto(null);
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div className="insp-report-form">
      <textarea
        data-testid="rect-report-text"
        placeholder={t("insp.rect.reportText")}
        value={text}
        rows={2}
        onChange={(e) => setText(e.target.value)}
      />
      <label>
        {t("insp.rect.photo")}
        <input
          type="file"
          accept="image/jpeg"
          data-testid="rect-report-photo"
          onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
        />
      </label>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="rect-report-submit"
        disabled={text.trim() === ""}
        onClick={() => void send()}
      >
        {t("insp.rect.send")}
      </button>
      {error && <span className="insp-problem">{error}</span>}
    </div>
  );
}

export function RectificationInbox() {
  const t = useT();
  const { data, error, reload } = useLoad(() => inspectionApi.rectifications(), []);
  return (
    <section className="insp-panel insp-inbox" data-testid="rect-inbox">
      <h2>{t("insp.rect.title")}</h2>
      {error && <p className="insp-problem">{error}</p>}
      {data?.length === 0 && <p className="insp-muted">{t("insp.rect.empty")}</p>}
      <ul>
        {data?.map((f) => (
          <li key={f.id} data-testid="rect-item" data-finding-id={f.id} data-state={f.rectification.state}>
            {f.snapshotUrl && <img className="insp-snapshot" alt="" src={f.snapshotUrl} />}
            <div>
              <p>
                {f.date} {f.blockName} {f.cameraWithheld ? t("camera.withheld") : (f.cameraName ?? "")} —{" "}
                <strong>{f.note}</strong>
              </p>
              <RectificationStatus f={f} />
              {f.rectification.reviews
                .filter((r) => r.decision === "return")
                .map((r) => (
                  <p key={r.at} className="insp-bad">
                    {t("insp.rect.return")}: {r.note}
                  </p>
                ))}
              {(f.rectification.state === "open" || f.rectification.state === "returned") && (
                <ReportForm f={f} onDone={reload} />
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
