// The console header's links to the overview pages (map and dashboards, reports).
import { useT } from "../i18n/useT";
import { NavLink } from "../ui/NavLink";

export function OverviewLinks() {
  const t = useT();
  return (
    <nav className="nav-links">
      <NavLink to="/overview" id="overview" label={t("ov.nav")} />
      <NavLink to="/reports" id="reports" label={t("ov.reports")} />
    </nav>
  );
}
