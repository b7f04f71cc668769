// The scroll container of a virtualised list: its viewport height (ResizeObserver) and scroll position →
// the window of rows to render (treeRows.ts rowWindow). Owns: the observer (disconnected on unmount).
import { type RefObject, useCallback, useEffect, useState } from "react";
import { type RowWindow, rowWindow, scrollToRow } from "./treeRows";

/** One row's height in CSS px (the rows are fixed-height: that is what makes the arithmetic exact). */
export const ROW_PX = 26;
const OVERSCAN = 8;
/** Before the first measurement (jsdom, or the first frame): enough rows for a 1080p sidebar. */
const FALLBACK_VIEWPORT = 900;

export interface RowWindowing {
  window: RowWindow;
  onScroll: () => void;
  /** Scrolls only as far as needed for row `index` to be fully visible. */
  reveal: (index: number) => void;
}

export function useRowWindow(ref: RefObject<HTMLElement | null>, total: number): RowWindowing {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight || FALLBACK_VIEWPORT));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  const onScroll = useCallback(() => setScrollTop(ref.current?.scrollTop ?? 0), [ref]);
  const reveal = useCallback(
    (index: number) => {
      const el = ref.current;
      if (!el) return;
      const next = scrollToRow(index, el.scrollTop, el.clientHeight || FALLBACK_VIEWPORT, ROW_PX);
      if (next !== el.scrollTop) {
        el.scrollTop = next;
        setScrollTop(next);
      }
    },
    [ref],
  );
  return { window: rowWindow(total, scrollTop, viewport, ROW_PX, OVERSCAN), onScroll, reveal };
}
