// Header links between the console and the orders pages: the command centre's Orders (指令), a prison
// operator's terminal (/unit). Shown by role.
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { sessionStore } from "../session/sessionStore";
import { NavLink } from "../ui/NavLink";

const watchers = new Set(["commander", "chief", "duty"]);

export function NavLinks({ current }: { current?: "console" | "orders" | "unit" }) {
  const t = useT();
  const role = useStore(sessionStore, (s) => s.info?.role);
  return (
    <nav className="nav-links">
      {current !== undefined && current !== "console" && <NavLink to="/" id="console" label={t("nav.console")} />}
      {role !== undefined && watchers.has(role) && (
        <NavLink to="/orders" id="orders" label={t("nav.orders")} on={current === "orders"} />
      )}
      {role === "operator" && <NavLink to="/unit" id="unit" label={t("nav.unit")} on={current === "unit"} />}
    </nav>
  );
}
