// The answer to a page the role may not open (typed into the address bar, or an old bookmark): says so
// in words and offers the role's own start page. The gateway refuses the page's data anyway.

import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { navigate } from "../router";
import { sessionStore } from "../session/sessionStore";
import { landing } from "./routes";

export function NoAccess() {
  const t = useT();
  const role = useStore(sessionStore, (s) => s.info?.role);
  return (
    <div className="shell-message" data-testid="no-access" role="alert">
      <h1>{t("shell.noAccess")}</h1>
      <p className="muted">{t("shell.noAccessHint")}</p>
      <button type="button" className="btn btn-primary" onClick={() => navigate(role ? landing[role] : "/")}>
        {t("shell.toStart")}
      </button>
    </div>
  );
}
