// The catalogue's search index: one flat entry per prison, block, sub-block and camera, its text lower-cased
// once, so a search is one pass of substring tests (15 000 cameras: a few ms) instead of building labels per
// request. Owns: building the index and ranking a query over it. Never decides who may see what (the route
// passes `allow`), never fetches, never caches across catalogue versions (catalogue/store.ts does).
import { type Camera, isUnplaced, type SearchHit } from "@cw/protocol";

interface Named {
  id: string;
  name: string;
}
/** What the index is built from (the catalogue store, or a table in a test). */
export interface SearchSource {
  prisons(): Named[];
  blocks(): Array<Named & { prisonId: string }>;
  subBlocks(): Array<Named & { prisonId: string; blockId: string }>;
  cameras(): Camera[];
}

interface Entry {
  hit: SearchHit;
  /** The entry's own name and id, lower-cased (rank: its own name matched). */
  own: string;
  idLower: string;
  /** Own name, id and the names of the groups above it, lower-cased (what a term must be in). */
  hay: string;
}

export interface SearchIndex {
  entries: readonly Entry[];
}

const entry = (hit: SearchHit): Entry => {
  const own = hit.name.toLowerCase();
  const idLower = hit.id.toLowerCase();
  return { hit, own, idLower, hay: `${own} ${idLower} ${hit.path.join(" ").toLowerCase()}` };
};

/** Groups first (prisons, blocks, sub-blocks in catalogue order), then cameras: a group outranks its cameras. */
export function buildSearchIndex(src: SearchSource): SearchIndex {
  const prisonName = new Map(src.prisons().map((p) => [p.id, p.name]));
  const blockName = new Map<string, string>();
  const subName = new Map<string, string>();
  const entries: Entry[] = [];
  for (const p of src.prisons())
    entries.push(entry({ id: p.id, kind: "prison", name: p.name, path: [], prisonId: p.id }));
  for (const b of src.blocks()) {
    blockName.set(b.id, b.name);
    const path = [prisonName.get(b.prisonId) ?? b.prisonId];
    entries.push(entry({ id: b.id, kind: "block", name: b.name, path, prisonId: b.prisonId }));
  }
  for (const s of src.subBlocks()) {
    subName.set(s.id, s.name);
    const path = [prisonName.get(s.prisonId) ?? s.prisonId, blockName.get(s.blockId) ?? s.blockId];
    entries.push(entry({ id: s.id, kind: "subBlock", name: s.name, path, prisonId: s.prisonId }));
  }
  for (const c of src.cameras()) {
    const path = [prisonName.get(c.prisonId) ?? c.prisonId];
    if (c.blockId) path.push(blockName.get(c.blockId) ?? c.blockId);
    if (c.subBlockId) path.push(subName.get(c.subBlockId) ?? c.subBlockId);
    const unassigned = isUnplaced(c);
    entries.push(
      entry({
        id: c.id,
        kind: "camera",
        name: c.name,
        cameraKind: c.kind,
        path,
        prisonId: c.prisonId,
        ...(unassigned ? { unassigned: true } : {}),
      }),
    );
  }
  return { entries };
}

export interface SearchOptions {
  limit: number;
  /** Only this prison's entries (an operator), or every prison. */
  prisonId: string | null;
  /** Whether the session may see this hit (cameras: prison scope and camera groups). */
  allow: (hit: SearchHit) => boolean;
}

/**
 * Hits whose text holds every whitespace-separated term (case-insensitive), best first: the exact id, then
 * entries whose own name holds every term (groups before cameras), then those matched through a group's name
 * (康家山 → the prison, then its blocks and cameras). `total` counts every allowed match.
 */
export function searchIndex(index: SearchIndex, q: string, opts: SearchOptions): { hits: SearchHit[]; total: number } {
  const whole = q.trim().toLowerCase();
  const terms = whole.split(/\s+/).filter(Boolean);
  const ranks: SearchHit[][] = [[], [], []];
  let total = 0;
  if (terms.length === 0) return { hits: [], total };
  for (const e of index.entries) {
    if (opts.prisonId !== null && e.hit.prisonId !== opts.prisonId) continue;
    if (!terms.every((t) => e.hay.includes(t))) continue;
    if (!opts.allow(e.hit)) continue;
    total++;
    const rank = e.idLower === whole ? 0 : terms.every((t) => e.own.includes(t) || e.idLower.includes(t)) ? 1 : 2;
    const bucket = ranks[rank];
    // Past the limit a bucket only counts: nothing later can be shown before it.
    if (bucket && bucket.length < opts.limit) bucket.push(e.hit);
  }
  return { hits: ranks.flat().slice(0, opts.limit), total };
}
