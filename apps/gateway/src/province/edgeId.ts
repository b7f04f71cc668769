// An edge's default GB id (pure): the upper's centre code (its id's first 10 digits) + 200 (a platform) +
// 1000 + the prison's position in the province catalogue (from 1), 7 digits (never the upper's own 0000001) — the same for every start and every edge
// that reads the same catalogue file, and distinct per prison. Set EDGE_GB_ID when the catalogue's order
// may change.
export function defaultEdgeGbId(upperId: string, prisonOrder: string[], prisonId: string): string {
  const at = prisonOrder.indexOf(prisonId);
  return `${upperId.slice(0, 10)}200${String(1001 + (at < 0 ? prisonOrder.length : at)).padStart(7, "0")}`;
}
