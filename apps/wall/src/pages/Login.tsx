// The login page. Errors come back as {code, message} and are shown translated.
import { type FormEvent, useState } from "react";
import { errorText } from "../api/errorText";
import { useT } from "../i18n/useT";
import { login } from "../session/sessionStore";
import { LangSwitch } from "../ui/LangSwitch";

export function Login() {
  const t = useT();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await login({ username: username.trim(), password });
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LangSwitch />
      </div>
      <form className="login-card" onSubmit={submit}>
        <div className="login-brand">
          <div className="brand-mark">◆</div>
          <div>
            <h1>{t("app.title")}</h1>
            <div className="muted">{t("app.subtitle")}</div>
          </div>
        </div>
        <label className="field">
          <span>{t("login.username")}</span>
          <input
            data-testid="login-username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            maxLength={64}
          />
        </label>
        <label className="field">
          <span>{t("login.password")}</span>
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            maxLength={256}
          />
        </label>
        {error !== null && (
          <div className="login-error" data-testid="login-error" role="alert">
            {error}
          </div>
        )}
        <button className="btn btn-primary btn-block" data-testid="login-submit" type="submit" disabled={busy}>
          {busy ? t("login.submitting") : t("login.submit")}
        </button>
        <div className="muted small center">{t("login.intranet")}</div>
      </form>
    </div>
  );
}
