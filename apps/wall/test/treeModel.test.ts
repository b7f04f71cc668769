import type { TreeNode } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import {
  cameraCounts,
  camerasUnder,
  expandToCameras,
  firstCameraPath,
  groupUnassigned,
  indexTree,
  pathOf,
  prisonOf,
} from "../src/tree/treeModel";

const cam = (id: string, name: string): TreeNode => ({ id, kind: "camera", name, children: [], cameraKind: "yard" });
const tree: TreeNode = {
  id: "bureau",
  kind: "bureau",
  name: "省局",
  children: [
    {
      id: "p1",
      kind: "prison",
      name: "沈阳监狱",
      children: [
        {
          id: "b1",
          kind: "block",
          name: "一监区",
          children: [
            { id: "s1", kind: "subBlock", name: "一分监区", children: [cam("c1", "操场"), cam("c2", "食堂")] },
          ],
        },
      ],
    },
    { id: "p2", kind: "prison", name: "锦州监狱", children: [cam("c3", "大门")] },
  ],
};
const index = indexTree(tree);

describe("treeModel", () => {
  it("counts the cameras under every group in one pass, as camerasUnder would", () => {
    const counts = cameraCounts(tree);
    expect(Object.fromEntries(counts)).toEqual({ bureau: 3, p1: 2, b1: 2, s1: 2, p2: 1 });
    for (const [id, n] of counts) expect(n).toBe(camerasUnder(index.byId.get(id) as TreeNode).length);
    expect(cameraCounts({ id: "empty", kind: "prison", name: "空", children: [] }).get("empty")).toBe(0);
  });

  it("paths and prisons", () => {
    expect(pathOf(index, "c2").map((n) => n.id)).toEqual(["p1", "b1", "s1", "c2"]);
    expect(prisonOf(index, "c2")).toBe("p1");
    expect(prisonOf(index, "bureau")).toBeNull();
  });

  it("cameras under groups, expanded without duplicates", () => {
    expect(camerasUnder(tree)).toEqual(["c1", "c2", "c3"]);
    expect(expandToCameras(index, ["c2", "b1", "p2", "nope"])).toEqual(["c2", "c1", "c3"]);
  });

  it("first camera path", () => {
    expect(firstCameraPath(tree)).toEqual(["bureau", "p1", "b1", "s1"]);
    expect(firstCameraPath(tree, cameraCounts(tree))).toEqual(["bureau", "p1", "b1", "s1"]);
    // A prison without cameras is passed over.
    const emptyFirst = {
      ...tree,
      children: [{ id: "p0", kind: "prison" as const, name: "空", children: [] }, ...tree.children],
    };
    expect(firstCameraPath(emptyFirst)).toEqual(["bureau", "p1", "b1", "s1"]);
  });
});

describe("groupUnassigned", () => {
  const prison = (id: string, children: TreeNode[]): TreeNode => ({ id, kind: "prison", name: id, children });
  const block = (id: string, children: TreeNode[]): TreeNode => ({ id, kind: "block", name: id, children });
  const root = (...prisons: TreeNode[]): TreeNode => ({
    id: "bureau",
    kind: "bureau",
    name: "省局",
    children: prisons,
  });
  const gbWaiting = new Set(["gb-1", "gb-2", "gb-9"]);
  const waiting = (id: string) => gbWaiting.has(id);

  it("gathers a prison's unplaced GB cameras under one 未分配 group at its end; a gate camera stays", () => {
    const t = root(
      prison("p1", [block("b1", [cam("c1", "操场")]), cam("gate", "大门"), cam("gb-1", "通道1"), cam("gb-2", "通道2")]),
    );
    const out = groupUnassigned(t, waiting, "未分配");
    const p1 = out.children[0]!;
    expect(p1.children.map((c) => c.id)).toEqual(["b1", "gate", "unassigned:p1"]);
    expect(p1.children[2]).toMatchObject({ kind: "block", name: "未分配", unassigned: true });
    expect(p1.children[2]!.children.map((c) => c.id)).toEqual(["gb-1", "gb-2"]);
    expect(camerasUnder(out).sort()).toEqual(camerasUnder(t).sort()); // nothing lost, nothing added
  });

  it("only cameras directly under a prison: a GB camera placed in a block stays there", () => {
    const t = root(prison("p1", [block("b1", [cam("gb-9", "通道9")])]));
    expect(groupUnassigned(t, waiting, "未分配")).toBe(t);
  });

  it("one group per prison, none for a prison without waiting cameras", () => {
    const t = root(
      prison("p1", [cam("gb-1", "通道1")]),
      prison("p2", [cam("c3", "大门")]),
      prison("p3", [cam("gb-2", "x")]),
    );
    const out = groupUnassigned(t, waiting, "Unassigned");
    expect(out.children.map((p) => p.children.map((c) => c.id))).toEqual([
      ["unassigned:p1"],
      ["c3"],
      ["unassigned:p3"],
    ]);
  });
});
