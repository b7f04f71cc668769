// The demo province: size, nesting, ids and names as the issue asks.
import { describe, expect, it } from "vitest";
import { demoProvince } from "../../src/features/catalogue/demo";
import { CatalogueStore } from "../../src/features/catalogue/store";
import { validateProvince } from "../../src/features/catalogue/validate";

describe("demo province", () => {
  const province = demoProvince();
  const store = new CatalogueStore(province, (id) => `key-${id}`);

  it("is valid and deterministic", () => {
    expect(validateProvince(JSON.parse(JSON.stringify(province))).ok).toBe(true);
    expect(demoProvince()).toEqual(province);
  });

  it("has ≥ 12 prisons including the seed documents' names, ≥ 600 cameras", () => {
    expect(province.prisons.length).toBeGreaterThanOrEqual(12);
    const names = province.prisons.map((p) => p.name).join(" ");
    for (const n of ["盘锦", "沈阳", "锦州", "凌源", "大连南关岭", "瓦房店", "辽宁省女子监狱"])
      expect(names).toContain(n);
    expect(store.cameras().length).toBeGreaterThanOrEqual(600);
  });

  it("gives every prison ≥ 4 blocks × 2 sub-blocks with cell, canteen, workshop and yard cameras, plus perimeter and gate", () => {
    for (const p of province.prisons) {
      expect(p.blocks.length).toBeGreaterThanOrEqual(4);
      for (const b of p.blocks) {
        expect(b.subBlocks.length).toBeGreaterThanOrEqual(2);
        for (const s of b.subBlocks) {
          expect(s.cameras.map((c) => c.kind).sort()).toEqual(["canteen", "cell", "workshop", "yard"]);
        }
      }
      const kinds = p.cameras.map((c) => c.kind);
      expect(kinds).toContain("perimeter");
      expect(kinds).toContain("gate");
    }
  });

  it("nests the tree bureau → prison → block → subBlock → camera with consistent ids", () => {
    const tree = store.tree(null);
    expect(tree.kind).toBe("bureau");
    let cameras = 0;
    for (const prison of tree.children) {
      expect(prison.kind).toBe("prison");
      for (const child of prison.children) {
        if (child.kind === "camera") {
          expect(store.camera(child.id)).toMatchObject({ prisonId: prison.id, blockId: null, subBlockId: null });
          cameras++;
          continue;
        }
        expect(child.kind).toBe("block");
        for (const sub of child.children) {
          expect(sub.kind).toBe("subBlock");
          for (const cam of sub.children) {
            expect(cam.kind).toBe("camera");
            expect(cam.children).toEqual([]);
            expect(store.camera(cam.id)).toMatchObject({ prisonId: prison.id, blockId: child.id, subBlockId: sub.id });
            cameras++;
          }
        }
      }
    }
    expect(cameras).toBe(store.cameras().length);
    expect(store.camera("pj-b1-s1-cell")).toMatchObject({ source: { kind: "sim" }, hasSubStream: true });
    expect(store.label(store.camera("pj-b1-s1-cell")!)).toBe("盘锦监狱 / 一监区 / 一分监区 / 一分监区监舍");
  });

  it("searches by every term over id, names and path", () => {
    expect(store.search("盘锦 操场", null).every((c) => c.prisonId === "pj" && c.kind === "yard")).toBe(true);
    expect(store.search("盘锦 操场", null)).toHaveLength(8);
    expect(store.search("", "jz").every((c) => c.prisonId === "jz")).toBe(true);
    expect(store.search("no-such-thing", null)).toEqual([]);
  });
});
