// The catalogue as the inspection sees it: names, a block's cameras (its own and its sub-blocks', but no
// restricted one),
// and the public list of blocks the draw chooses from. Reads the live CatalogueStore; never writes.
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import type { BlockRefs, Lookup } from "./views";

/** `access`: restricted cameras (in a camera group) are not in the day's checklist of a block — the
 *  inspection record is shared by every inspector, so a camera only some may see stays out of it. */
export function catalogueLookup(catalogue: CatalogueStore, access: Pick<CameraAccess, "restricted">): Lookup {
  return {
    prisonName: (id) => catalogue.prison(id)?.name ?? id,
    blockName: (id) => catalogue.block(id)?.name ?? id,
    cameraName: (id) => catalogue.camera(id)?.name ?? null,
    cameras: (prisonId, blockId) =>
      catalogue
        .cameras()
        .filter((c) => c.prisonId === prisonId && c.blockId === blockId && !access.restricted(c.id))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((c) => ({ id: c.id, name: c.name, kind: c.kind })),
    blocks: () => {
      const out: BlockRefs[] = [];
      for (const prison of catalogue.tree(null).children) {
        if (prison.kind !== "prison") continue;
        for (const block of prison.children) {
          if (block.kind === "block") out.push({ prisonId: prison.id, blockId: block.id });
        }
      }
      return out;
    },
  };
}
