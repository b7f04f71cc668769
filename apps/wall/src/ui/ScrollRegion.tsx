// A scrolling region the keyboard can reach and scroll (WCAG 2.1.1, axe's scrollable-region-focusable):
// a long report, the roll-call board, the dashboards' figures column. Named, so a screen reader says
// what it is.
import type { ReactNode } from "react";

export function ScrollRegion(props: { label: string; className: string; testId?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must take focus for the keyboard to scroll it
    <section className={props.className} aria-label={props.label} data-testid={props.testId} tabIndex={0}>
      {props.children}
    </section>
  );
}
