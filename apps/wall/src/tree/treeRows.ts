// The tree as the rows on screen: the flattened list of visible rows (a node is visible when every group
// above it is open) and the window of them that is rendered. A virtualised tree draws ~40 rows whatever the
// catalogue holds; 15 000 cameras cost one walk over the open groups, not 15 000 DOM nodes.
// Owns: pure row arithmetic. Never renders, never fetches.
import type { ShownNode } from "./treeModel";

export interface TreeRow {
  node: ShownNode;
  /** 0 for the root (the bureau, or an operator's prison). */
  depth: number;
  /** The parent row's node id (null at the root). */
  parentId: string | null;
  /** A group shown open (cameras: false). */
  open: boolean;
}

/**
 * Rows in tree order, depth-first, descending only into open groups. Iterative: a deep catalogue cannot
 * overflow the stack, and the walk never touches the cameras of a closed group.
 */
export function visibleRows(root: ShownNode, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const stack: Array<{ node: ShownNode; depth: number; parentId: string | null }> = [
    { node: root, depth: 0, parentId: null },
  ];
  while (stack.length > 0) {
    const { node, depth, parentId } = stack.pop()!;
    const open = node.kind !== "camera" && expanded.has(node.id);
    rows.push({ node, depth, parentId, open });
    if (!open) continue;
    for (let i = node.children.length - 1; i >= 0; i--) {
      stack.push({ node: node.children[i] as ShownNode, depth: depth + 1, parentId: node.id });
    }
  }
  return rows;
}

export interface RowWindow {
  /** First row rendered (inclusive). */
  start: number;
  /** Past the last row rendered (exclusive). */
  end: number;
}

/**
 * The rows to render for a scroll position: those in the viewport plus `overscan` rows either side (so a
 * fast scroll or a keyboard step does not show a blank row). Clamped to [0, total].
 */
export function rowWindow(
  total: number,
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  overscan: number,
): RowWindow {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const count = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first - overscan, total - 1));
  const end = Math.min(total, first + count + overscan);
  return { start, end: Math.max(start, end) };
}

/**
 * The scrollTop that brings row `index` into a viewport (unchanged when it is already fully inside): the
 * keyboard's focus and a search's "show in tree" move the view only as far as needed.
 */
export function scrollToRow(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return scrollTop;
}

/** Ids of the groups above a node, root first (what must be open for it to be a visible row). */
export function ancestorsOf(parentOf: ReadonlyMap<string, string>, id: string): string[] {
  const out: string[] = [];
  for (let cur = parentOf.get(id); cur !== undefined; cur = parentOf.get(cur)) out.unshift(cur);
  return out;
}
