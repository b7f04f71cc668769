// The selected account: its name, role and prison (edit and save), disable or enable, reset the password
// (the temporary password shown once), unlock, and its open sessions with revoke. Disabling and resetting
// ask once more, in place, because both end the person's sessions at once.
import { type Role, roles, type UserView } from "@cw/protocol";
import { useState } from "react";
import { useT } from "../i18n/useT";
import { useBureauFormat } from "../time/clockStore";
import { StateChips } from "./StateChips";
import { browserName, needsPrison } from "./usersModel";
import type { UsersModel } from "./useUsers";

export function UserDetail({ model, user }: { model: UsersModel; user: UserView }) {
  const t = useT();
  const fmt = useBureauFormat();
  const [confirm, setConfirm] = useState<"disable" | "reset" | null>(null);
  const temporary = model.temporary?.username === user.username ? model.temporary.password : null;
  return (
    <section className="users-detail" data-testid="user-detail">
      <h2>
        {t("users.detail", { name: user.displayName })} <span className="users-sub">{user.username}</span>
      </h2>
      <StateChips user={user} testId="user-detail-state" />
      {user.locked && (
        <div className="users-sub">
          {user.lockedUntil === null
            ? t("users.lockedForever")
            : t("users.lockedUntil", { time: fmt.dateTime(user.lockedUntil, false) })}
        </div>
      )}
      <EditForm model={model} user={user} />
      <div className="users-actions">
        <button
          type="button"
          className="btn"
          data-testid="user-disable"
          disabled={model.busy}
          onClick={() => (user.disabled ? void model.update({ disabled: false }) : setConfirm("disable"))}
        >
          {t(user.disabled ? "users.enable" : "users.disable")}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="user-reset"
          disabled={model.busy}
          onClick={() => setConfirm("reset")}
        >
          {t("users.resetPassword")}
        </button>
        {user.locked && (
          <button
            type="button"
            className="btn"
            data-testid="user-unlock"
            disabled={model.busy}
            onClick={() => void model.unlock()}
          >
            {t("users.unlock")}
          </button>
        )}
      </div>
      {confirm && (
        <div className="users-confirm" role="alertdialog" data-testid="user-confirm">
          <span>
            {t(confirm === "disable" ? "users.confirmDisable" : "users.confirmReset", { name: user.displayName })}
          </span>
          <div className="users-actions">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="user-confirm-yes"
              onClick={() => {
                setConfirm(null);
                void (confirm === "disable" ? model.update({ disabled: true }) : model.resetPassword());
              }}
            >
              {t(confirm === "disable" ? "users.disable" : "users.resetPassword")}
            </button>
            <button type="button" className="btn" onClick={() => setConfirm(null)}>
              {t("users.cancel")}
            </button>
          </div>
        </div>
      )}
      {temporary && (
        <div className="users-temporary" data-testid="user-temporary">
          <div>{t("users.temporary")}</div>
          <code data-testid="user-temporary-password">{temporary}</code>
          <button type="button" className="btn btn-small" onClick={model.dismissTemporary}>
            {t("users.temporaryDone")}
          </button>
        </div>
      )}
      <h3>{t("users.sessions")}</h3>
      {model.sessions.length === 0 ? (
        <p className="muted">{t("users.noSessions")}</p>
      ) : (
        <table className="users-sessions" data-testid="user-sessions">
          <thead>
            <tr>
              <th>{t("users.openedAt")}</th>
              <th>{t("users.address")}</th>
              <th>{t("users.browser")}</th>
              <th>{t("users.expiresAt")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {model.sessions.map((s) => (
              <tr key={s.sessionId} data-testid={`session-${s.sessionId}`}>
                <td>{fmt.short(s.openedAt)}</td>
                <td>{s.ip}</td>
                <td title={s.userAgent}>{browserName(s.userAgent)}</td>
                <td>{fmt.short(s.expiresAt)}</td>
                <td>
                  {s.current ? (
                    <span className="users-sub">{t("users.current")}</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-small"
                      data-testid={`session-revoke-${s.sessionId}`}
                      disabled={model.busy}
                      onClick={() => void model.revoke(s.sessionId)}
                    >
                      {t("users.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function EditForm({ model, user }: { model: UsersModel; user: UserView }) {
  const t = useT();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [prisonId, setPrisonId] = useState(user.prisonId ?? "");
  const [saved, setSaved] = useState(false);
  const prisonBound = needsPrison(role);
  const changed =
    displayName.trim() !== user.displayName ||
    role !== user.role ||
    (prisonBound && prisonId !== (user.prisonId ?? ""));
  return (
    <form
      className="users-form"
      onSubmit={(e) => {
        e.preventDefault();
        void model
          .update({
            ...(displayName.trim() !== user.displayName ? { displayName: displayName.trim() } : {}),
            ...(role !== user.role ? { role } : {}),
            ...(prisonBound ? { prisonId: prisonId === "" ? null : prisonId } : {}),
          })
          .then(setSaved);
      }}
    >
      <label className="field">
        <span>{t("users.displayName")}</span>
        <input
          data-testid="user-edit-name"
          value={displayName}
          maxLength={80}
          onChange={(e) => {
            setDisplayName(e.target.value);
            setSaved(false);
          }}
        />
      </label>
      <label className="field">
        <span>{t("users.role")}</span>
        <select
          data-testid="user-edit-role"
          value={role}
          onChange={(e) => {
            setRole(e.target.value as Role);
            setSaved(false);
          }}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {prisonBound && (
        <label className="field">
          <span>{t("users.prison")}</span>
          <select
            data-testid="user-edit-prison"
            value={prisonId}
            onChange={(e) => {
              setPrisonId(e.target.value);
              setSaved(false);
            }}
          >
            <option value="">{t("users.choosePrison")}</option>
            {model.prisons.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="users-actions">
        <button type="submit" className="btn btn-primary" data-testid="user-save" disabled={!changed || model.busy}>
          {t("users.save")}
        </button>
        {saved && !changed && <span className="users-sub">{t("users.saved")}</span>}
      </div>
    </form>
  );
}
