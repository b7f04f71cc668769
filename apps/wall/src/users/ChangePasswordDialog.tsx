// The user menu's "change my password" (every role): the password form in a dialog; it says when it is done.
import { useState } from "react";
import { useT } from "../i18n/useT";
import { PasswordForm } from "./PasswordForm";
import "./users.css";

export function ChangePasswordDialog(p: { username: string; onClose(): void }) {
  const t = useT();
  const [done, setDone] = useState(false);
  return (
    <div className="users-backdrop">
      <div className="users-dialog" data-testid="password-dialog" role="dialog" aria-label={t("pw.change")}>
        <h2>{t("pw.change")}</h2>
        {done ? (
          <>
            <p data-testid="pw-done">{t("pw.done")}</p>
            <div className="users-actions users-dialog-actions">
              <button type="button" className="btn btn-primary" onClick={p.onClose}>
                {t("pw.close")}
              </button>
            </div>
          </>
        ) : (
          <PasswordForm
            username={p.username}
            onDone={() => setDone(true)}
            extra={
              <button type="button" className="btn" onClick={p.onClose}>
                {t("users.cancel")}
              </button>
            }
          />
        )}
      </div>
    </div>
  );
}
