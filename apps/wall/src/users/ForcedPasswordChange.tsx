// After an administrator reset the password, the gateway refuses everything but the change: the app shows
// this instead of the shell (no live socket, no page) until the user chooses a new password, or logs out.
import { useT } from "../i18n/useT";
import { logout } from "../session/sessionStore";
import { LangSwitch } from "../ui/LangSwitch";
import { PasswordForm } from "./PasswordForm";
import "./users.css";

export function ForcedPasswordChange({ username }: { username: string }) {
  const t = useT();
  return (
    <div className="login-page" data-testid="forced-password">
      <div className="login-lang">
        <LangSwitch />
      </div>
      <div className="login-card">
        <h1>{t("pw.forcedTitle")}</h1>
        <p className="muted">{t("pw.forcedHint")}</p>
        <PasswordForm
          username={username}
          onDone={() => {}}
          extra={
            <button type="button" className="btn" data-testid="pw-logout" onClick={() => void logout()}>
              {t("pw.logout")}
            </button>
          }
        />
      </div>
    </div>
  );
}
