import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cameraKinds, columnsToTree, type TreeColumns, type TreeNode, treeToColumns, zTreeColumns } from "../src/index";

const cam = (id: string, cameraKind?: (typeof cameraKinds)[number]): TreeNode =>
  cameraKind === undefined
    ? { id, kind: "camera", name: `cam ${id}`, children: [] }
    : { id, kind: "camera", name: `cam ${id}`, children: [], cameraKind };

// Cameras directly under a prison before and after its blocks: the order of children must survive.
const province: TreeNode = {
  id: "ln",
  kind: "bureau",
  name: "辽宁省监狱管理局",
  children: [
    {
      id: "pj",
      kind: "prison",
      name: "盘锦监狱",
      children: [
        cam("pj-gate", "gate"),
        {
          id: "pj-b1",
          kind: "block",
          name: "一监区",
          children: [cam("pj-b1-yard", "yard"), { id: "pj-b1-s1", kind: "subBlock", name: "一分监区", children: [] }],
        },
        cam("pj-gb-ch1"),
      ],
    },
    { id: "sy", kind: "prison", name: "沈阳第一监狱", children: [] },
  ],
};

const decode = (c: TreeColumns) => columnsToTree(zTreeColumns.parse(JSON.parse(JSON.stringify(c))));

describe("tree columns", () => {
  it("round-trips a tree through JSON, children in order, cameraKind kept only where it was", () => {
    const r = decode(treeToColumns(province));
    expect(r.ok && r.value.root).toEqual(province);
  });

  it("indexes on the way: every node by id, every parent by id", () => {
    const r = columnsToTree(treeToColumns(province));
    if (!r.ok) throw new Error(r.error.message);
    expect([...r.value.byId.keys()].sort()).toEqual(
      ["ln", "pj", "pj-gate", "pj-b1", "pj-b1-yard", "pj-b1-s1", "pj-gb-ch1", "sy"].sort(),
    );
    expect(r.value.byId.get("pj-b1-yard")).toBe(r.value.byId.get("pj-b1")?.children[0]);
    expect(Object.fromEntries(r.value.parentOf)).toEqual({
      pj: "ln",
      "pj-gate": "pj",
      "pj-b1": "pj",
      "pj-b1-yard": "pj-b1",
      "pj-b1-s1": "pj-b1",
      "pj-gb-ch1": "pj",
      sy: "ln",
    });
  });

  const good = treeToColumns(province);
  const cases: Array<[string, (c: TreeColumns) => TreeColumns, string]> = [
    ["no root", () => ({ id: [], kind: [], name: [], parent: [], cameraKind: [] }), "id"],
    ["a short column", (c) => ({ ...c, name: c.name.slice(1) }), "name"],
    ["a root with a parent", (c) => ({ ...c, parent: [0, ...c.parent.slice(1)] }), "parent.0"],
    ["a second root", (c) => ({ ...c, parent: c.parent.map((p, i) => (i === 3 ? -1 : p)) }), "parent.3"],
    ["a parent after its child", (c) => ({ ...c, parent: c.parent.map((p, i) => (i === 1 ? 5 : p)) }), "parent.1"],
    ["a camera as a parent", (c) => ({ ...c, parent: c.parent.map((p, i) => (i === 3 ? 2 : p)) }), "parent.3"],
    ["an id twice", (c) => ({ ...c, id: c.id.map((id, i) => (i === 4 ? (c.id[2] as string) : id)) }), "id.4"],
  ];
  it.each(cases)("refuses %s, naming the field", (_, spoil, field) => {
    expect(good.id.slice(0, 3)).toEqual(["ln", "pj", "pj-gate"]);
    const r = columnsToTree(spoil(good));
    expect(r.ok ? null : r.error).toMatchObject({ code: "validation", field });
  });

  const arbTree: fc.Arbitrary<TreeNode> = fc
    .letrec<{ node: TreeNode }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.record({
          id: fc.constant(""),
          kind: fc.constant("camera" as const),
          name: fc.string(),
          children: fc.constant<TreeNode[]>([]),
          cameraKind: fc.constantFrom(...cameraKinds),
        }),
        fc.record({
          id: fc.constant(""),
          kind: fc.constantFrom("prison" as const, "block" as const, "subBlock" as const),
          name: fc.string(),
          children: fc.array(tie("node") as fc.Arbitrary<TreeNode>, { maxLength: 4 }),
        }),
      ),
    }))
    .node.map((t) => {
      let n = 0;
      const number = (x: TreeNode): TreeNode => ({ ...x, id: `n${n++}`, children: x.children.map(number) });
      return number({ id: "", kind: "bureau", name: "b", children: [t] });
    });
  it("round-trips any tree", () => {
    fc.assert(
      fc.property(arbTree, (t) => {
        const r = decode(treeToColumns(t));
        expect(r.ok && r.value.root).toEqual(t);
      }),
    );
  });
});
