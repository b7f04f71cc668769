import type { Camera, TreeNode } from "@cw/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCameraChanges } from "../src/tree/treeDelta";
import { camerasUnder, groupUnassigned, indexTree } from "../src/tree/treeModel";
import { ancestorsOf, rowWindow, scrollToRow, visibleRows } from "../src/tree/treeRows";
import { searchDelay } from "../src/tree/useTreeSearch";
import { targetOf, targetsIn, waitingPrison } from "../src/tree/useUnassignedMove";

const cam = (id: string, name = id): TreeNode => ({ id, kind: "camera", name, children: [], cameraKind: "cell" });
const group = (id: string, kind: TreeNode["kind"], children: TreeNode[]): TreeNode => ({
  id,
  kind,
  name: id,
  children,
});
const tree = group("bureau", "bureau", [
  group("p1", "prison", [
    group("b1", "block", [group("s1", "subBlock", [cam("c1"), cam("c2")]), cam("c3")]),
    group("b2", "block", [cam("c4")]),
    cam("gate"),
  ]),
  group("p2", "prison", [cam("c5")]),
]);
const ids = (open: string[]) => visibleRows(tree, new Set(open)).map((r) => `${"  ".repeat(r.depth)}${r.node.id}`);

describe("visibleRows", () => {
  it.each([
    { open: [], rows: ["bureau"] },
    { open: ["bureau"], rows: ["bureau", "  p1", "  p2"] },
    { open: ["bureau", "p1"], rows: ["bureau", "  p1", "    b1", "    b2", "    gate", "  p2"] },
    {
      open: ["bureau", "p1", "b1", "s1"],
      rows: [
        "bureau",
        "  p1",
        "    b1",
        "      s1",
        "        c1",
        "        c2",
        "      c3",
        "    b2",
        "    gate",
        "  p2",
      ],
    },
    // A group open under a closed one stays hidden (its state is kept for when the parent opens).
    { open: ["bureau", "b1", "s1"], rows: ["bureau", "  p1", "  p2"] },
    // A camera's id in the set changes nothing.
    { open: ["bureau", "p2", "c5"], rows: ["bureau", "  p1", "  p2", "    c5"] },
  ])("open $open", ({ open, rows }) => {
    expect(ids(open)).toEqual(rows);
  });

  it("rows know their parent and whether they are open", () => {
    const rows = visibleRows(tree, new Set(["bureau", "p1"]));
    expect(rows.map((r) => [r.node.id, r.parentId, r.open])).toEqual([
      ["bureau", null, true],
      ["p1", "bureau", true],
      ["b1", "p1", false],
      ["b2", "p1", false],
      ["gate", "p1", false],
      ["p2", "bureau", false],
    ]);
  });

  it("everything open lists every node once, in depth-first order", () => {
    const all = new Set(indexTree(tree).byId.keys());
    const rows = visibleRows(tree, all);
    expect(rows.length).toBe(all.size);
    expect(rows.filter((r) => r.node.kind === "camera").map((r) => r.node.id)).toEqual(camerasUnder(tree));
  });

  it("15 000 cameras, one prison open: the rows are the open path, never the cameras of closed groups", () => {
    const prisons = Array.from({ length: 30 }, (_, p) =>
      group(
        `p${p}`,
        "prison",
        Array.from({ length: 500 }, (_, c) => cam(`p${p}-c${c}`)),
      ),
    );
    const big = group("bureau", "bureau", prisons);
    expect(visibleRows(big, new Set(["bureau"])).length).toBe(31);
    expect(visibleRows(big, new Set(["bureau", "p3"])).length).toBe(531);
  });
});

describe("rowWindow", () => {
  it.each([
    // total, scrollTop, viewport, row, overscan → [start, end)
    { args: [0, 0, 500, 26, 8], win: [0, 0] },
    { args: [1000, 0, 520, 26, 8], win: [0, 29] },
    { args: [1000, 2600, 520, 26, 8], win: [92, 129] },
    { args: [1000, 26_000, 520, 26, 8], win: [992, 1000] }, // scrolled to the end
    { args: [1000, 999_999, 520, 26, 8], win: [999, 1000] }, // past the end (a list that just shrank)
    { args: [5, 0, 520, 26, 8], win: [0, 5] },
    { args: [10, -50, 520, 26, 0], win: [0, 10] },
  ])("$args → $win", ({ args, win }) => {
    const [total, top, viewport, row, overscan] = args as [number, number, number, number, number];
    const w = rowWindow(total, top, viewport, row, overscan);
    expect([w.start, w.end]).toEqual(win);
  });

  it("always covers the rows in the viewport, within bounds", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 0, max: 20 }),
        (total, scrollTop, viewport, overscan) => {
          const w = rowWindow(total, scrollTop, viewport, 26, overscan);
          expect(0 <= w.start && w.start <= w.end && w.end <= total).toBe(true);
          const firstVisible = Math.floor(scrollTop / 26);
          const lastVisible = Math.min(total, Math.ceil((scrollTop + viewport) / 26));
          if (firstVisible < total) expect(w.start <= firstVisible && w.end >= lastVisible).toBe(true);
          expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(viewport / 26) + 1 + 2 * overscan);
        },
      ),
    );
  });

  it("scrollToRow moves only as far as needed", () => {
    expect(scrollToRow(0, 0, 260, 26)).toBe(0); // visible
    expect(scrollToRow(9, 0, 260, 26)).toBe(0); // last fully visible row
    expect(scrollToRow(10, 0, 260, 26)).toBe(26); // one below: one row down
    expect(scrollToRow(100, 0, 260, 26)).toBe(2600 + 26 - 260);
    expect(scrollToRow(3, 520, 260, 26)).toBe(78); // above: to its top
  });

  it("ancestors, root first", () => {
    const { parentOf } = indexTree(tree);
    expect(ancestorsOf(parentOf, "c1")).toEqual(["bureau", "p1", "b1", "s1"]);
    expect(ancestorsOf(parentOf, "bureau")).toEqual([]);
  });
});

describe("applyCameraChanges (catalogue.camera over the live socket)", () => {
  const camera = (id: string, over: Partial<Camera> = {}): Camera => ({
    id,
    name: id,
    kind: "cell",
    prisonId: "p1",
    blockId: null,
    subBlockId: null,
    source: { kind: "sim" },
    codec: "h264",
    hasSubStream: false,
    ...over,
  });
  const index = indexTree(tree);
  const childIds = (t: TreeNode | undefined) => t?.children.map((c) => c.id);

  it("adds a camera at the end of its group; groups elsewhere are the same objects", () => {
    const out = applyCameraChanges(index, [{ id: "c9", camera: camera("c9", { blockId: "b1", subBlockId: "s1" }) }]);
    expect(childIds(out?.byId.get("s1"))).toEqual(["c1", "c2", "c9"]);
    expect(out?.parentOf.get("c9")).toBe("s1");
    expect(out?.root).not.toBe(tree);
    expect(out?.byId.get("b2")).toBe(index.byId.get("b2"));
    expect(out?.byId.get("p2")).toBe(index.byId.get("p2"));
    expect(camerasUnder(out!.root)).toEqual(["c1", "c2", "c9", "c3", "c4", "gate", "c5"]);
    // The input index is untouched.
    expect(childIds(index.byId.get("s1"))).toEqual(["c1", "c2"]);
  });

  it("renames in place, moves between groups, removes", () => {
    const out = applyCameraChanges(index, [
      { id: "c1", camera: camera("c1", { name: "一号监舍", blockId: "b1", subBlockId: "s1" }) },
      { id: "c3", camera: camera("c3", { blockId: "b2" }) },
      { id: "c5", camera: null },
      { id: "nope", camera: null },
    ]);
    expect(out?.byId.get("s1")?.children.map((c) => c.name)).toEqual(["一号监舍", "c2"]);
    expect(childIds(out?.byId.get("b1"))).toEqual(["s1"]);
    expect(childIds(out?.byId.get("b2"))).toEqual(["c4", "c3"]);
    expect(out?.parentOf.get("c3")).toBe("b2");
    expect(out?.byId.has("c5")).toBe(false);
    expect(childIds(out?.byId.get("p2"))).toEqual([]);
    // The root reflects every edit (what the tree renders from).
    expect(camerasUnder(out!.root)).toEqual(["c1", "c2", "c4", "c3", "gate"]);
  });

  it("a camera under a group the tree does not have: null (fetch the tree again)", () => {
    expect(applyCameraChanges(index, [{ id: "x", camera: camera("x", { blockId: "b-new" }) }])).toBeNull();
    expect(applyCameraChanges(index, [{ id: "x", camera: camera("x", { prisonId: "p9" }) }])).toBeNull();
  });

  it("a GB channel moved out of 未分配 leaves the group the panel draws", () => {
    const gb = camera("gb-1", {
      source: { kind: "gb28181", deviceId: "34020000001320000001", channelId: "34020000001320000011" },
    });
    const withGb = applyCameraChanges(index, [{ id: "gb-1", camera: gb }])!;
    const waiting = (id: string) => id === "gb-1";
    expect(childIds(groupUnassigned(withGb.root, waiting, "未分配").children[0])).toContain("unassigned:p1");
    const moved = applyCameraChanges(withGb, [{ id: "gb-1", camera: { ...gb, blockId: "b2" } }])!;
    expect(childIds(moved.byId.get("b2"))).toEqual(["c4", "gb-1"]);
    expect(childIds(groupUnassigned(moved.root, () => false, "未分配").children[0])).toEqual(["b1", "b2", "gate"]);
  });
});

describe("moving 未分配 cameras", () => {
  const index = indexTree(tree);
  const shown = groupUnassigned(tree, (id) => id === "gate", "未分配");
  const rows = visibleRows(shown, new Set(["bureau", "p1", "unassigned:p1"]));

  it("only a camera under its prison's 未分配 group waits", () => {
    expect(rows.filter((r) => waitingPrison(r) !== null).map((r) => [r.node.id, waitingPrison(r)])).toEqual([
      ["gate", "p1"],
    ]);
  });

  it("targets are the blocks and sub-blocks of the same prison", () => {
    expect(targetOf(index, "b1", "p1")).toEqual({ blockId: "b1", subBlockId: null });
    expect(targetOf(index, "s1", "p1")).toEqual({ blockId: "b1", subBlockId: "s1" });
    expect(targetOf(index, "s1", "p2")).toBeNull();
    expect(targetOf(index, "p1", "p1")).toBeNull();
    expect(targetOf(index, "c1", "p1")).toBeNull();
    expect(targetsIn(index, "p1").map((t) => t.label)).toEqual(["b1", "b1 › s1", "b2"]);
    expect(targetsIn(index, "p2")).toEqual([]);
  });
});

describe("search debounce", () => {
  it("asks at once after a pause, waits while typing", () => {
    expect(searchDelay(1000, null)).toBe(0);
    expect(searchDelay(1000, 500)).toBe(0);
    expect(searchDelay(1000, 900)).toBe(150);
  });
});
