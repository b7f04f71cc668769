// A small province for the simulator's tests: three prisons, blocks with sub-blocks, cameras of every
// kind, one prison-level perimeter camera each.
import type { SimCamera, SimPrison } from "../../src/sim/model";

const kinds = ["cell", "canteen", "workshop", "yard", "corridor", "visiting"];

export const testPrisons: SimPrison[] = ["p01", "p02", "p03"].map((p, pi) => {
  const blocks = Array.from({ length: 2 + pi }, (_, b) => ({
    id: `${p}-b${b + 1}`,
    subBlocks: [`${p}-b${b + 1}-s1`, `${p}-b${b + 1}-s2`],
  }));
  const cameras: SimCamera[] = blocks.flatMap((b) =>
    b.subBlocks.flatMap((s, si) =>
      kinds.map((kind, ki) => ({
        id: `${s}-c${ki}`,
        blockId: b.id,
        subBlockId: s,
        kind: kinds[(ki + si) % 6] ?? kind,
      })),
    ),
  );
  cameras.push({ id: `${p}-perimeter`, blockId: null, subBlockId: null, kind: "perimeter" });
  cameras.push({ id: `${p}-gate`, blockId: null, subBlockId: null, kind: "gate" });
  return { id: p, blocks, cameras };
});
