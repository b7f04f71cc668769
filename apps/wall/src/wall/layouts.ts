// The layout engine: every wall layout (grids and "1+N" spans) as tile geometry on a cell grid.
// Owns: each layout's tile count and geometry (cells and fractions), the
// digit-key map, and the main/sub stream rule. Must never touch React, the DOM or the network.

import { isLayoutId, type LayoutId, layoutIds } from "@cw/protocol";

// The ids are the wire's (one definition shared with the gateway); the geometry is the wall's.
export { isLayoutId, type LayoutId, layoutIds };

/** A tile in grid cells (integers) and as fractions of the wall (0..1), for CSS grid and for maths. */
export interface TileGeometry {
  col: number;
  row: number;
  colSpan: number;
  rowSpan: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  id: LayoutId;
  cols: number;
  rows: number;
  /** Tile 0 is the big one in span layouts; the rest follow in reading order. */
  tiles: readonly TileGeometry[];
}

interface Span {
  cells: number;
  big: { col: number; row: number; size: number };
}

const spans: Record<string, Span> = {
  "1+5": { cells: 3, big: { col: 0, row: 0, size: 2 } },
  "1+7": { cells: 4, big: { col: 0, row: 0, size: 3 } },
  // The classic 1+12: a 2×2 centre tile ringed by twelve small ones.
  "1+12": { cells: 4, big: { col: 1, row: 1, size: 2 } },
};

function tile(col: number, row: number, colSpan: number, rowSpan: number, cols: number, rows: number): TileGeometry {
  return { col, row, colSpan, rowSpan, x: col / cols, y: row / rows, w: colSpan / cols, h: rowSpan / rows };
}

function gridLayout(id: LayoutId, n: number): Layout {
  const tiles: TileGeometry[] = [];
  for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) tiles.push(tile(col, row, 1, 1, n, n));
  return { id, cols: n, rows: n, tiles };
}

function spanLayout(id: LayoutId, span: Span): Layout {
  const { cells, big } = span;
  const inBig = (c: number, r: number) =>
    c >= big.col && c < big.col + big.size && r >= big.row && r < big.row + big.size;
  const tiles: TileGeometry[] = [tile(big.col, big.row, big.size, big.size, cells, cells)];
  for (let row = 0; row < cells; row++) {
    for (let col = 0; col < cells; col++) if (!inBig(col, row)) tiles.push(tile(col, row, 1, 1, cells, cells));
  }
  return { id, cols: cells, rows: cells, tiles };
}

function build(id: LayoutId): Layout {
  const span = spans[id];
  return span ? spanLayout(id, span) : gridLayout(id, Math.round(Math.sqrt(Number(id))));
}

const table = new Map<LayoutId, Layout>(layoutIds.map((id) => [id, build(id)]));

export function getLayout(id: LayoutId): Layout {
  return table.get(id)!;
}

export function tileCount(id: LayoutId): number {
  return getLayout(id).tiles.length;
}

/** Keyboard: 1..9 and 0 pick the layouts in picker order. */
const digitOrder = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"];
export function layoutForDigit(key: string): LayoutId | null {
  const i = digitOrder.indexOf(key);
  return i < 0 ? null : (layoutIds[i] ?? null);
}

/**
 * Main or sub stream for a tile. Tiles smaller than a quarter of the wall use the sub stream (less
 * bandwidth and decode work); a quarter or more, or a maximised tile, uses the main stream.
 */
export function variantForTile(geometry: TileGeometry, maximised: boolean): "main" | "sub" {
  if (maximised) return "main";
  return geometry.w * geometry.h < 0.25 ? "sub" : "main";
}
