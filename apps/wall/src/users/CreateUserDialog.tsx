// The new-user dialog: username, name, role, prison (prison-bound roles only) and a first password, checked
// here for length and username before it is sent (the gateway also refuses common passwords). The
// gateway's refusal (a taken name, a weak password) is shown in the dialog.
import { type Role, roles, type UserCreate } from "@cw/protocol";
import { useState } from "react";
import { useT } from "../i18n/useT";
import { needsPrison, newPasswordProblem } from "./usersModel";

export interface CreateUserDialogProps {
  prisons: ReadonlyArray<{ id: string; name: string }>;
  busy: boolean;
  error: string | null;
  onCreate(body: UserCreate): Promise<void>;
  onClose(): void;
}

export function CreateUserDialog(p: CreateUserDialogProps) {
  const t = useT();
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<Role>("duty");
  const [prisonId, setPrisonId] = useState("");
  const [password, setPassword] = useState("");
  const [tried, setTried] = useState(false);
  const problem = newPasswordProblem(password, null, username.trim());
  const prisonMissing = needsPrison(role) && prisonId === "";
  return (
    <div className="users-backdrop">
      <form
        className="users-dialog"
        data-testid="user-create"
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (problem !== null || prisonMissing) return;
          void p.onCreate({
            username: username.trim(),
            displayName: displayName.trim(),
            role,
            ...(needsPrison(role) ? { prisonId } : {}),
            password,
          });
        }}
      >
        <h2>{t("users.new")}</h2>
        <label className="field">
          <span>{t("users.username")}</span>
          <input
            data-testid="user-create-username"
            autoComplete="off"
            required
            maxLength={64}
            pattern="[A-Za-z0-9_.\-]{1,64}"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("users.displayName")}</span>
          <input
            data-testid="user-create-name"
            required
            maxLength={80}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("users.role")}</span>
          <select data-testid="user-create-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {needsPrison(role) && (
          <label className="field">
            <span>{t("users.prison")}</span>
            <select data-testid="user-create-prison" value={prisonId} onChange={(e) => setPrisonId(e.target.value)}>
              <option value="">{t("users.choosePrison")}</option>
              {p.prisons.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t("users.password")}</span>
          <input
            type="password"
            autoComplete="new-password"
            data-testid="user-create-password"
            maxLength={256}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span className="users-sub">{t("pw.rules")}</span>
        </label>
        {tried && (problem !== null || prisonMissing) && (
          <p className="users-error" role="alert">
            {problem !== null ? t(problem) : t("users.choosePrison")}
          </p>
        )}
        {p.error && (
          <p className="users-error" role="alert" data-testid="user-create-error">
            {p.error}
          </p>
        )}
        <div className="users-actions users-dialog-actions">
          <button type="button" className="btn" onClick={p.onClose}>
            {t("users.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="user-create-submit" disabled={p.busy}>
            {t("users.create")}
          </button>
        </div>
      </form>
    </div>
  );
}
