// The shell's top bar, the same on every page: brand, the pages this role may open (grouped), the
// big-screen outputs, the bureau's clock, the live connection, the user and the language switch.
// Owns: navigation links. Never a page's own controls (those sit in the page's toolbar under the bar).
import { useT } from "../i18n/useT";
import { ConnState } from "../ui/ConnState";
import { LangSwitch } from "../ui/LangSwitch";
import { UserBox } from "../ui/UserBox";
import { BureauClockView } from "./BureauClockView";
import type { RouteName } from "./routes";
import { ShellNav } from "./ShellNav";

/** Which nav entry is lit for a route (sub-pages light their parent). */
const parentOf: Partial<Record<RouteName, RouteName>> = {
  inspectionVerify: "inspection",
  inspectionRecord: "inspection",
};

export function ShellBar({ current }: { current: RouteName }) {
  const t = useT();
  const lit = parentOf[current] ?? current;
  return (
    <header className="shell-bar" data-testid="shell-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand-title">{t("app.title")}</span>
      </div>
      <ShellNav lit={lit} />
      <BureauClockView />
      <ConnState />
      <UserBox />
      <LangSwitch />
    </header>
  );
}
