import type { TreeNode } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import {
  camerasUnder,
  expandToCameras,
  filterTree,
  firstCameraPath,
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
  it("paths and prisons", () => {
    expect(pathOf(index, "c2").map((n) => n.id)).toEqual(["p1", "b1", "s1", "c2"]);
    expect(prisonOf(index, "c2")).toBe("p1");
    expect(prisonOf(index, "bureau")).toBeNull();
  });

  it("cameras under groups, expanded without duplicates", () => {
    expect(camerasUnder(tree)).toEqual(["c1", "c2", "c3"]);
    expect(expandToCameras(index, ["c2", "b1", "p2", "nope"])).toEqual(["c2", "c1", "c3"]);
  });

  it.each([
    { q: "", ids: ["c1", "c2", "c3"] },
    { q: "食堂", ids: ["c2"] },
    { q: "锦州", ids: ["c3"] },
    { q: "一监区", ids: ["c1", "c2"] },
    { q: "C3", ids: ["c3"] },
    { q: "nothing", ids: [] },
  ])("search '$q'", ({ q, ids }) => {
    const got = filterTree(tree, q);
    expect(got ? camerasUnder(got) : []).toEqual(ids);
  });

  it("first camera path", () => {
    expect(firstCameraPath(tree)).toEqual(["bureau", "p1", "b1", "s1"]);
  });
});
