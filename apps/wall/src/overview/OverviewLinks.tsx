// The console header's links to the overview pages (map and dashboards, reports).
import { useT } from "../i18n/useT";
import { navigate } from "../router";

export function OverviewLinks() {
  const t = useT();
  const link = (to: string, id: string, label: string) => (
    <a
      href={to}
      className="nav-link"
      data-testid={`nav-${id}`}
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
      {link("/overview", "overview", t("ov.nav"))}
      {link("/reports", "reports", t("ov.reports"))}
    </nav>
  );
}
