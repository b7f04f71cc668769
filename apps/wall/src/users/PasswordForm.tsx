// "Change my password": current, new, new again — checked here for length, username and a match before it
// is sent; the gateway's refusal (a wrong current password, a common one) is shown under the form. Used by
// the user menu's dialog and by the forced change after a reset.
import { type FormEvent, useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { changePassword } from "../session/sessionStore";
import { newPasswordProblem } from "./usersModel";

export function PasswordForm(p: { username: string; onDone(): void; extra?: React.ReactNode }) {
  const t = useT();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = newPasswordProblem(next, confirm, p.username);
    if (problem !== null) {
      setError(t(problem));
      return;
    }
    setBusy(true);
    try {
      await changePassword({ current, next });
      p.onDone();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <form className="pw-form" data-testid="password-form" onSubmit={submit}>
      <label className="field">
        <span>{t("pw.current")}</span>
        <input
          type="password"
          autoComplete="current-password"
          data-testid="pw-current"
          required
          maxLength={256}
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t("pw.next")}</span>
        <input
          type="password"
          autoComplete="new-password"
          data-testid="pw-next"
          required
          maxLength={256}
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <span className="users-sub">{t("pw.rules")}</span>
      </label>
      <label className="field">
        <span>{t("pw.confirm")}</span>
        <input
          type="password"
          autoComplete="new-password"
          data-testid="pw-confirm"
          required
          maxLength={256}
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </label>
      {error !== null && (
        <p className="users-error" role="alert" data-testid="pw-error">
          {error}
        </p>
      )}
      <div className="users-actions users-dialog-actions">
        {p.extra}
        <button type="submit" className="btn btn-primary" data-testid="pw-submit" disabled={busy}>
          {t("pw.submit")}
        </button>
      </div>
    </form>
  );
}
