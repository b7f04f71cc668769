// The big-screen outputs this role may open (/screen/N, /screen/dashboard), each in its own window:
// a screen is shown on its own display, never inside the console's tab.
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { useLive } from "../live/LiveProvider";
import { sessionStore } from "../session/sessionStore";
import { canOpen } from "./routes";

export function ScreensMenu() {
  const t = useT();
  const role = useStore(sessionStore, (s) => s.info?.role);
  const screenKey = useLive((s) => Object.keys(s.wallScreens).join(","));
  const screens = screenKey === "" ? [] : screenKey.split(",").map(Number);
  const wall = canOpen(role, "screen");
  if (!wall && !canOpen(role, "dashboard")) return null;
  return (
    <details className="shell-menu" data-testid="screens-menu">
      <summary className="nav-link">{t("nav.screens")}</summary>
      <div className="shell-menu-list">
        {wall &&
          screens
            .sort((a, b) => a - b)
            .map((n) => (
              <a key={n} href={`/screen/${n}`} target="_blank" rel="noreferrer" data-testid={`open-screen-${n}`}>
                {t("screen.title", { n })}
              </a>
            ))}
        <a href="/screen/dashboard" target="_blank" rel="noreferrer" data-testid="open-dashboard">
          {t("ov.bigScreen")}
        </a>
      </div>
    </details>
  );
}
