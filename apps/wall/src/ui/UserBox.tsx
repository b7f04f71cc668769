import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { logout, sessionStore } from "../session/sessionStore";

/** The logged-in user, their role, and logout. */
export function UserBox() {
  const t = useT();
  const info = useStore(sessionStore, (s) => s.info);
  if (!info) return null;
  return (
    <div className="user-box">
      <span className="user-name" data-testid="user-name">
        {info.displayName || info.username}
      </span>
      <span className="role" data-testid="user-role" data-role={info.role}>
        {t(`role.${info.role}`)}
      </span>
      <button type="button" className="btn btn-ghost" data-testid="logout" onClick={() => void logout()}>
        {t("header.logout")}
      </button>
    </div>
  );
}
