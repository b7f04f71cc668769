// The layout checks of issue 12 for one page at one size, as lists of plain sentences so a failure says
// exactly what a person would see: the bar not at the top, a horizontal scroll, which two texts collide,
// what sticks out of a big screen, which axe rule fails where.
// Owns: turning the probe's measurements and axe's results into problems. Never: navigates or logs in.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { type ProbeReport, probeLayout } from "./layoutProbe";
import type { WallPage } from "./pages";

export const SHELL_BAR_MAX_BOTTOM = 64;
const DESCRIBE = 12;

/**
 * Waits until the page's text stops moving (web fonts loaded, charts and lists laid out): the text boxes'
 * positions are the same on two animation frames in a row. A condition, not a sleep; gives up after 10 s
 * and measures anyway (a page that never settles shows its state in the report).
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page
    .waitForFunction(
      () => {
        const w = window as unknown as { __cwLayoutSig?: string };
        let sig = `${document.documentElement.scrollWidth}x${document.documentElement.scrollHeight}`;
        for (const el of document.querySelectorAll("body *")) {
          if (el.childElementCount > 0 || !el.textContent) continue;
          const r = el.getBoundingClientRect();
          sig += `|${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.width)}`;
        }
        const same = w.__cwLayoutSig === sig;
        w.__cwLayoutSig = sig;
        return same;
      },
      undefined,
      { polling: "raf", timeout: 10_000 },
    )
    .catch(() => undefined);
}

export async function measure(page: Page, wall: WallPage): Promise<ProbeReport> {
  // tsx (esbuild keepNames) wraps inner functions in __name(): give the page a no-op one.
  await page.evaluate("globalThis.__name ??= (f) => f");
  return page.evaluate(probeLayout, { screen: wall.kind === "screen", max: DESCRIBE });
}

export interface LayoutProblems {
  bar: string[];
  scroll: string[];
  overlaps: string[];
  outside: string[];
}

export function layoutProblems(r: ProbeReport, wall: WallPage): LayoutProblems {
  const bar: string[] = [];
  if (wall.kind === "console") {
    if (r.bar === null) bar.push("no visible [data-testid=shell-bar]");
    else {
      if (r.bar.count > 1) bar.push(`${r.bar.count} visible shell bars (one app shell renders one)`);
      if (r.bar.top < 0 || r.bar.bottom > SHELL_BAR_MAX_BOTTOM) {
        bar.push(
          `the shell bar spans y ${Math.round(r.bar.top)}–${Math.round(r.bar.bottom)}: not within the top ${SHELL_BAR_MAX_BOTTOM} px`,
        );
      }
    }
  } else if (r.bar !== null) bar.push("a big-screen output shows the shell bar (it must stay chrome-less)");

  const scroll: string[] = [];
  if (r.scroll.width > r.viewport.width) {
    scroll.push(`document scrolls sideways: scrollWidth ${r.scroll.width} > innerWidth ${r.viewport.width}`);
  }
  if (wall.kind === "screen" && r.scroll.height > r.viewport.height) {
    scroll.push(`big screen scrolls: scrollHeight ${r.scroll.height} > innerHeight ${r.viewport.height}`);
  }
  const more = (total: number, shown: number) => (total > shown ? [`… and ${total - shown} more`] : []);
  return {
    bar,
    scroll,
    overlaps: [...r.overlaps.worst, ...more(r.overlaps.total, r.overlaps.worst.length)],
    outside: [...r.outside.worst, ...more(r.outside.total, r.outside.worst.length)],
  };
}

/** axe-core's serious and critical WCAG 2.1 A/AA violations (colour contrast included), one line per rule. */
export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => {
      const nodes = v.nodes.slice(0, 4).map((n) => {
        const why = (n.failureSummary ?? "").replace(/\s+/g, " ").replace(/^Fix (any|all) of the following: /, "");
        return `${n.target.join(" ")} — ${why.slice(0, 160)}`;
      });
      const extra = v.nodes.length > 4 ? ` (+${v.nodes.length - 4} more)` : "";
      return `${v.id} [${v.impact}] ${v.help}: ${v.nodes.length} element(s)${extra}\n      ${nodes.join("\n      ")}`;
    });
}
