// Header links between the console and the orders pages: the command centre's Orders (指令), a prison
// operator's terminal (/unit). Shown by role.
import { useStore } from "zustand";
import { useT } from "../i18n/useT";
import { navigate } from "../router";
import { sessionStore } from "../session/sessionStore";

const watchers = new Set(["commander", "chief", "duty"]);

export function NavLinks({ current }: { current?: "console" | "orders" | "unit" }) {
  const t = useT();
  const role = useStore(sessionStore, (s) => s.info?.role);
  const link = (to: string, name: "console" | "orders" | "unit", label: string) => (
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
      {current !== undefined && current !== "console" && link("/", "console", t("nav.console"))}
      {role !== undefined && watchers.has(role) && link("/orders", "orders", t("nav.orders"))}
      {role === "operator" && link("/unit", "unit", t("nav.unit"))}
    </nav>
  );
}
