// Resolving what the commander picked on the tree into the units that receive the order. Pure: the
// organisation tree is an argument. Decision (触底式, seed 002): "province" or a prison is received by
// each prison's own command centre; a block or sub-block receives it directly (its terminal is its
// prison's operator). A block picked together with its prison is a distinct receiver; a unit never
// receives the same order twice.
import type { Result } from "@cw/protocol";
import type { Receiver, UnitKind } from "./events";
import { PROVINCE } from "./schemas";

export interface OrgUnit {
  id: string;
  name: string;
}
export interface OrgTree {
  prisons: ReadonlyArray<OrgUnit & { blocks: ReadonlyArray<OrgUnit & { subBlocks: readonly OrgUnit[] }> }>;
}

/** Every unit of the tree by id, as a receiver. The first occurrence wins if the tree repeats an id. */
export function unitIndex(tree: OrgTree): Map<string, Receiver> {
  const out = new Map<string, Receiver>();
  const put = (id: string, unitKind: UnitKind, prisonId: string, path: string[]) => {
    if (!out.has(id)) out.set(id, { unitId: id, unitKind, prisonId, path });
  };
  for (const p of tree.prisons) {
    put(p.id, "prison", p.id, [p.name]);
    for (const b of p.blocks) {
      put(b.id, "block", p.id, [p.name, b.name]);
      for (const s of b.subBlocks) put(s.id, "subBlock", p.id, [p.name, b.name, s.name]);
    }
  }
  return out;
}

/**
 * The concrete receivers of `targets`, in the order picked (the province in tree order), deduplicated.
 * An unknown unit is a validation error naming `targets.<i>`; so is a pick that reaches no unit.
 */
export function expandTargets(tree: OrgTree, targets: readonly string[]): Result<Receiver[]> {
  const index = unitIndex(tree);
  const out: Receiver[] = [];
  const seen = new Set<string>();
  const add = (r: Receiver) => {
    if (seen.has(r.unitId)) return;
    seen.add(r.unitId);
    out.push(r);
  };
  for (const [i, t] of targets.entries()) {
    if (t === PROVINCE) {
      for (const p of tree.prisons) add(index.get(p.id)!);
      continue;
    }
    const unit = index.get(t);
    if (unit === undefined) {
      const field = `targets.${i}`;
      return { ok: false, error: { code: "validation", field, message: `${field}: no unit ${t} in the tree` } };
    }
    add(unit);
  }
  if (out.length === 0) {
    return { ok: false, error: { code: "validation", field: "targets", message: "targets: no unit receives this" } };
  }
  return { ok: true, value: out };
}
