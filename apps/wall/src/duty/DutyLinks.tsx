// Header links to the duty console (/duty) and the roll-call board (/rollcalls), for every role that
// can see alarms (everyone logged in; operators see their prison's); on those pages, back to the console.
import { useT } from "../i18n/useT";
import { NavLink } from "../ui/NavLink";

export function DutyLinks({ current }: { current?: "duty" | "rollcalls" }) {
  const t = useT();
  return (
    <nav className="nav-links">
      {current !== undefined && <NavLink to="/" id="console" label={t("nav.console")} />}
      <NavLink to="/duty" id="duty" label={t("nav.duty")} on={current === "duty"} />
      <NavLink to="/rollcalls" id="rollcalls" label={t("nav.rollcalls")} on={current === "rollcalls"} />
    </nav>
  );
}
