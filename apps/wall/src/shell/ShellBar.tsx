// The shell's top bar, the same on every page: brand, the pages this role may open (grouped), the
// big-screen outputs, the bureau's clock, the live connection, the user and the language switch.
// Owns: navigation links. Never a page's own controls (those sit in the page's toolbar under the bar).
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { sessionStore } from "../session/sessionStore";
import { ConnState } from "../ui/ConnState";
import { LangSwitch } from "../ui/LangSwitch";
import { NavLink } from "../ui/NavLink";
import { UserBox } from "../ui/UserBox";
import { BureauClockView } from "./BureauClockView";
import { navFor, type RouteName } from "./routes";
import { ScreensMenu } from "./ScreensMenu";

/** Which nav entry is lit for a route (sub-pages light their parent). */
const parentOf: Partial<Record<RouteName, RouteName>> = {
  inspectionVerify: "inspection",
  inspectionRecord: "inspection",
};

export function ShellBar({ current }: { current: RouteName }) {
  const t = useT();
  const role = useStore(sessionStore, (s) => s.info?.role);
  const lit = parentOf[current] ?? current;
  return (
    <header className="shell-bar" data-testid="shell-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand-title">{t("app.title")}</span>
      </div>
      <nav className="shell-nav" aria-label={t("shell.nav")}>
        {navFor(role).map((g) => (
          <div key={g.group} className="shell-nav-group" data-group={g.group}>
            {g.routes.map((r) => (
              <NavLink key={r.name} to={r.path} id={r.name} label={t(r.title)} on={r.name === lit} />
            ))}
          </div>
        ))}
        <ScreensMenu />
      </nav>
      <div className="spacer" />
      <BureauClockView />
      <ConnState />
      <UserBox />
      <LangSwitch />
    </header>
  );
}
