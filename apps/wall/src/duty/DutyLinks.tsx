// Header links to the duty console (/duty) and the roll-call board (/rollcalls), for every role that
// can see alarms (everyone logged in; operators see their prison's); on those pages, back to the console.
import { useT } from "../i18n/useT";
import { navigate } from "../router";

export function DutyLinks({ current }: { current?: "duty" | "rollcalls" }) {
  const t = useT();
  const link = (to: string, name: "console" | "duty" | "rollcalls", label: string) => (
    <a
      href={to}
      className={`nav-link${current === name ? " nav-link-on" : ""}`}
      data-testid={`nav-${name}`}
      onClick={(e) => {
        e.preventDefault();
        navigate(to);
      }}
    >
      {label}
    </a>
  );
  return (
    <nav className="nav-links">
      {current !== undefined && link("/", "console", t("nav.console"))}
      {link("/duty", "duty", t("nav.duty"))}
      {link("/rollcalls", "rollcalls", t("nav.rollcalls"))}
    </nav>
  );
}
