// The acknowledge and resolve dialog: a note (required to acknowledge severity 1–2 and always to
// resolve, with a clear message before anything is sent) and, to resolve, a disposition. Shows the
// gateway's refusal when there is one.

import { noteRequired } from "@cw/alerts";
import type { AlarmView } from "@cw/protocol";
import { useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { dutyApi } from "./dutyApi";

export const dispositions = ["real", "false_alarm", "handled"] as const;

export interface ActionDialogProps {
  alarm: AlarmView;
  action: "ack" | "resolve";
  onDone(view: AlarmView): void;
  onClose(): void;
}

export function ActionDialog({ alarm, action, onDone, onClose }: ActionDialogProps) {
  const t = useT();
  const [note, setNote] = useState("");
  const [disposition, setDisposition] = useState<string>("handled");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needNote = action === "resolve" || noteRequired(alarm);

  const submit = async () => {
    if (needNote && note.trim() === "") {
      setProblem(action === "resolve" ? t("duty.noteRequiredResolve") : t("duty.noteRequired", { n: alarm.severity }));
      return;
    }
    setBusy(true);
    try {
      const view =
        action === "ack"
          ? await dutyApi.ack(alarm.id, note.trim())
          : await dutyApi.resolve(alarm.id, disposition, note.trim());
      onDone(view);
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop" data-testid="alarm-dialog">
      <form
        className="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>{action === "ack" ? t("duty.ackTitle") : t("duty.resolveTitle")}</h2>
        {action === "resolve" && (
          <label className="field">
            <span>{t("duty.disposition")}</span>
            <select
              className="select"
              data-testid="alarm-disposition"
              value={disposition}
              onChange={(e) => setDisposition(e.target.value)}
            >
              {dispositions.map((d) => (
                <option key={d} value={d}>
                  {t(`disposition.${d}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>
            {t("duty.note")}
            {needNote ? " *" : ""}
          </span>
          <textarea
            data-testid="alarm-note"
            value={note}
            maxLength={2000}
            rows={3}
            onChange={(e) => {
              setNote(e.target.value);
              setProblem(null);
            }}
          />
        </label>
        {problem !== null && (
          <p className="form-error" data-testid="alarm-note-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t("duty.cancel")}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy}
            data-testid={action === "ack" ? "alarm-ack-submit" : "alarm-resolve-submit"}
          >
            {action === "ack" ? t("duty.ack") : t("duty.resolve")}
          </button>
        </div>
      </form>
    </div>
  );
}
