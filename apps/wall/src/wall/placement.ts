// Where a camera clicked in the tree lands on the wall. Pure.

/**
 * Where a clicked camera goes: the selected tile if it is empty, else the first free tile, else the
 * selected tile (replaced), else tile 0. Clicking cameras one after another fills the wall.
 */
export function clickTarget(tiles: readonly (string | null)[], selected: number | null): number {
  const sel = selected !== null && selected >= 0 && selected < tiles.length ? selected : null;
  if (sel !== null && tiles[sel] === null) return sel;
  const free = tiles.indexOf(null);
  if (free >= 0) return free;
  return sel ?? 0;
}
