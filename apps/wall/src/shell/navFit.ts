// How many of the bar's navigation links fit inline, in order; the rest go under "更多". Pure: the
// links' measured widths and their groups come in (groups are separated by padding and a rule).
export interface NavItemSize {
  width: number;
  /** True for the first link of a group (a group's padding and rule come before it). */
  groupStart: boolean;
}

/**
 * The number of leading items that fit in `available` px: all of them when they fit as they are, else
 * as many as fit beside the "more" button (`moreWidth`).
 */
export function fitCount(
  items: readonly NavItemSize[],
  available: number,
  gap: number,
  groupPad: number,
  moreWidth: number,
): number {
  const widthOf = (n: number) => {
    let w = 0;
    for (let i = 0; i < n; i++) w += items[i]!.width + (items[i]!.groupStart ? groupPad : gap);
    return w;
  };
  if (widthOf(items.length) <= available) return items.length;
  let n = items.length;
  while (n > 0 && widthOf(n) + moreWidth > available) n--;
  return n;
}
