// The province tree as an index: id → node, parent, path, cameras under a node (search is the gateway's).
// Owns: pure queries over a TreeNode; never fetches, never renders.
import type { TreeNode } from "@cw/protocol";

export interface TreeIndex {
  root: TreeNode;
  byId: Map<string, TreeNode>;
  parentOf: Map<string, string>;
}

export function indexTree(root: TreeNode): TreeIndex {
  const byId = new Map<string, TreeNode>();
  const parentOf = new Map<string, string>();
  const stack: TreeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    byId.set(node.id, node);
    for (const child of node.children) {
      parentOf.set(child.id, node.id);
      stack.push(child);
    }
  }
  return { root, byId, parentOf };
}

/** Ancestors from the top (excluding the bureau root) down to the node itself. */
export function pathOf(index: TreeIndex, id: string): TreeNode[] {
  const path: TreeNode[] = [];
  let cur: string | undefined = id;
  while (cur !== undefined) {
    const node = index.byId.get(cur);
    if (!node) break;
    if (node.kind !== "bureau") path.unshift(node);
    cur = index.parentOf.get(cur);
  }
  return path;
}

/** The prison a node belongs to (itself if it is one), or null. */
export function prisonOf(index: TreeIndex, id: string): string | null {
  return pathOf(index, id).find((n) => n.kind === "prison")?.id ?? null;
}

/** Every camera id under a node, in tree order (a camera node yields itself). */
export function camerasUnder(node: TreeNode): string[] {
  const out: string[] = [];
  const walk = (n: TreeNode) => {
    if (n.kind === "camera") out.push(n.id);
    for (const c of n.children) walk(c);
  };
  walk(node);
  return out;
}

/**
 * Cameras under every group node, by id, in one pass (a camera counts 1 under each of its ancestors; camera
 * nodes themselves are left out). Linear in the tree: 15 000 cameras cost one walk, not one per node.
 */
export function cameraCounts(root: TreeNode): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (n: TreeNode): number => {
    if (n.kind === "camera") return 1;
    let sum = 0;
    for (const c of n.children) sum += walk(c);
    out.set(n.id, sum);
    return sum;
  };
  walk(root);
  return out;
}

/** Expands a list of camera and group ids into distinct camera ids, keeping order. */
export function expandToCameras(index: TreeIndex, ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids) {
    const node = index.byId.get(id);
    if (!node) continue;
    for (const cam of camerasUnder(node)) {
      if (!seen.has(cam)) {
        seen.add(cam);
        out.push(cam);
      }
    }
  }
  return out;
}

/**
 * Ids on the way to the first camera: the initial expansion so one camera is visible at once. `counts`
 * (cameraCounts) saves a walk of every subtree tried on the way.
 */
export function firstCameraPath(root: TreeNode, counts: ReadonlyMap<string, number> = cameraCounts(root)): string[] {
  const path: string[] = [];
  let cur: TreeNode | undefined = root;
  while (cur && cur.kind !== "camera") {
    path.push(cur.id);
    cur = cur.children.find((c) => c.kind === "camera" || (counts.get(c.id) ?? 0) > 0);
  }
  return path;
}

/** A node as the tree panel shows it: the catalogue's, or the 未分配 (unassigned) group of a prison. */
export type ShownNode = TreeNode & { unassigned?: true };

/** The id of a prison's 未分配 group (catalogue ids never hold a ':'). */
export const unassignedId = (prisonId: string): string => `unassigned:${prisonId}`;

/**
 * Cameras a GB catalogue could not place (they sit directly under their prison) gathered under one
 * 未分配 (`label`) group at the end of that prison, to be moved into place; other cameras directly under a
 * prison (a gate camera belongs to the prison itself) stay where they are. A prison without such cameras
 * gets no group. Returns the same tree when nothing moves.
 */
export function groupUnassigned(root: TreeNode, isUnassigned: (cameraId: string) => boolean, label: string): TreeNode {
  let moved = false;
  const prison = (p: TreeNode): TreeNode => {
    const waiting = p.children.filter((c) => c.kind === "camera" && isUnassigned(c.id));
    if (waiting.length === 0) return p;
    moved = true;
    const group: ShownNode = {
      id: unassignedId(p.id),
      kind: "block",
      name: label,
      children: waiting,
      unassigned: true,
    };
    return { ...p, children: [...p.children.filter((c) => !waiting.includes(c)), group] };
  };
  const visit = (n: TreeNode): TreeNode =>
    n.kind === "prison" ? prison(n) : { ...n, children: n.children.map(visit) };
  const out = visit(root);
  return moved ? out : root;
}
