// The logged-in user in the bar: their name opens the user menu ("change my password", for every role),
// their role, and logout. The password dialog is drawn over the page (a portal), not inside the bar.
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { logout, sessionStore } from "../session/sessionStore";
import { ChangePasswordDialog } from "../users/ChangePasswordDialog";

export function UserBox() {
  const t = useT();
  const info = useStore(sessionStore, (s) => s.info);
  const [menu, setMenu] = useState(false);
  const [changing, setChanging] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setMenu(false);
    };
    document.addEventListener("mousedown", away);
    return () => document.removeEventListener("mousedown", away);
  }, [menu]);
  if (!info) return null;
  return (
    <div className="user-box" ref={box}>
      <button
        type="button"
        className="user-menu-button"
        data-testid="user-menu"
        aria-haspopup="menu"
        aria-expanded={menu}
        title={info.displayName || info.username}
        onClick={() => setMenu((m) => !m)}
      >
        <span className="user-name" data-testid="user-name">
          {info.displayName || info.username}
        </span>
      </button>
      {menu && (
        <div className="user-menu" role="menu">
          <button
            type="button"
            role="menuitem"
            className="btn btn-ghost"
            data-testid="change-password"
            onClick={() => {
              setMenu(false);
              setChanging(true);
            }}
          >
            {t("pw.change")}
          </button>
        </div>
      )}
      <span className="role" data-testid="user-role" data-role={info.role}>
        {t(`role.${info.role}`)}
      </span>
      <button type="button" className="btn btn-ghost" data-testid="logout" onClick={() => void logout()}>
        {t("header.logout")}
      </button>
      {changing &&
        createPortal(
          <ChangePasswordDialog username={info.username} onClose={() => setChanging(false)} />,
          document.body,
        )}
    </div>
  );
}
