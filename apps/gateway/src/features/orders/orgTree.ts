// The organisation tree the order deciders resolve targets against (prisons → blocks → sub-blocks),
// derived from the live catalogue's tree without its cameras. Cached per catalogue tree object: the
// catalogue rebuilds that object only when it changes. Read-only.
import type { OrgTree } from "@cw/alerts";
import type { TreeNode } from "@cw/protocol";
import type { CatalogueStore } from "../catalogue/store";

const units = (n: TreeNode, kind: TreeNode["kind"]) => n.children.filter((c) => c.kind === kind);

export function orgTreeOf(root: TreeNode): OrgTree {
  return {
    prisons: units(root, "prison").map((p) => ({
      id: p.id,
      name: p.name,
      blocks: units(p, "block").map((b) => ({
        id: b.id,
        name: b.name,
        subBlocks: units(b, "subBlock").map((s) => ({ id: s.id, name: s.name })),
      })),
    })),
  };
}

/** A getter of the current tree that rebuilds only when the catalogue's tree changed. */
export function orgTreeSource(catalogue: Pick<CatalogueStore, "tree">): () => OrgTree {
  let from: TreeNode | null = null;
  let tree: OrgTree = { prisons: [] };
  return () => {
    const root = catalogue.tree(null);
    if (root !== from) {
      from = root;
      tree = orgTreeOf(root);
    }
    return tree;
  };
}
