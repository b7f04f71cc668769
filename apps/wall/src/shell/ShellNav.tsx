// The bar's navigation: the pages this role may open, grouped, then the big-screen outputs. Links that do
// not fit the bar's width (a 1366 px desk monitor, English labels) move, from the end, under "更多 ▾"
// instead of running into the clock; widths are measured from an invisible copy of the links.
import { useLayoutEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import { useLanguage, useT } from "../i18n/useT";
import { sessionStore } from "../session/sessionStore";
import { NavLink } from "../ui/NavLink";
import { fitCount } from "./navFit";
import { navFor, type RouteName } from "./routes";
import { ScreensMenu } from "./ScreensMenu";

/** px: a link's gap inside a group, and a group's padding + rule before its first link. */
const GAP = 4;
const GROUP_PAD = 17;

export function ShellNav({ lit }: { lit: RouteName }) {
  const t = useT();
  const lang = useLanguage();
  const role = useStore(sessionStore, (s) => s.info?.role);
  const flat = navFor(role).flatMap((g) => g.routes.map((r, i) => ({ group: g.group, route: r, groupStart: i === 0 })));
  const navRef = useRef<HTMLElement>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(flat.length);
  const key = `${lang}:${flat.map((f) => f.route.name).join(",")}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the labels being measured
  useLayoutEffect(() => {
    const nav = navRef.current;
    const m = measureRef.current;
    if (!nav || !m) return;
    const fit = () => {
      const links = [...m.querySelectorAll<HTMLElement>("[data-measure='link']")];
      const tail = m.querySelector<HTMLElement>("[data-measure='screens']")?.offsetWidth ?? 0;
      const more = m.querySelector<HTMLElement>("[data-measure='more']")?.offsetWidth ?? 0;
      const items = links.map((el, i) => ({ width: el.offsetWidth, groupStart: flat[i]?.groupStart ?? false }));
      setShown(fitCount(items, nav.clientWidth - tail - GROUP_PAD, GAP, GROUP_PAD, more + GROUP_PAD));
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(nav);
    return () => ro.disconnect();
  }, [key]);

  const inline = flat.slice(0, shown);
  const hidden = flat.slice(shown);
  const groups = [...new Set(inline.map((f) => f.group))];
  return (
    <nav className="shell-nav" aria-label={t("shell.nav")} ref={navRef}>
      <div className="shell-nav-measure" aria-hidden="true" ref={measureRef}>
        {flat.map((f) => (
          <span key={f.route.name} className="nav-link" data-measure="link">
            {t(f.route.title)}
          </span>
        ))}
        <span className="nav-link" data-measure="more">
          {t("nav.more")} ▾
        </span>
        <span className="nav-link" data-measure="screens">
          {t("nav.screens")} ▾
        </span>
      </div>
      {groups.map((g) => (
        <div key={g} className="shell-nav-group" data-group={g}>
          {inline
            .filter((f) => f.group === g)
            .map((f) => (
              <NavLink
                key={f.route.name}
                to={f.route.path}
                id={f.route.name}
                label={t(f.route.title)}
                on={f.route.name === lit}
              />
            ))}
        </div>
      ))}
      {hidden.length > 0 && (
        <details className="shell-menu" data-testid="nav-more">
          <summary className={`nav-link${hidden.some((f) => f.route.name === lit) ? " nav-link-on" : ""}`}>
            {t("nav.more")}
          </summary>
          <div className="shell-menu-list">
            {hidden.map((f) => (
              <NavLink
                key={f.route.name}
                to={f.route.path}
                id={f.route.name}
                label={t(f.route.title)}
                on={f.route.name === lit}
              />
            ))}
          </div>
        </details>
      )}
      <ScreensMenu />
    </nav>
  );
}
