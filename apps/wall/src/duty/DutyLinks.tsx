// Header links to the duty console (/duty) and the roll-call board (/rollcalls), for every role that
// can see alarms (everyone logged in; operators see their prison's); on those pages, back to the console.
import { useT } from "../i18n/useT";
import { NavLinks } from "../orders/NavLinks";
import { ConnState } from "../ui/ConnState";
import { LangSwitch } from "../ui/LangSwitch";
import { NavLink } from "../ui/NavLink";
import { UserBox } from "../ui/UserBox";

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

/** The top bar of the duty pages (duty console, roll-call board): title, links, connection, user, language. */
export function DutyTopbar({ title, current }: { title: string; current: "duty" | "rollcalls" }) {
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark">◆</span>
        <span className="brand-title">{title}</span>
      </div>
      <DutyLinks current={current} />
      <NavLinks />
      <div className="spacer" />
      <ConnState />
      <UserBox />
      <LangSwitch />
    </header>
  );
}
