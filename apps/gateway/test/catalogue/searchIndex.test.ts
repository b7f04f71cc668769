// The catalogue's search index: what matches, in which order, what `allow` and the prison scope leave out,
// and that an edit to the catalogue is seen by the next search (the store rebuilds the index).
import type { SearchHit } from "@cw/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demoProvince } from "../../src/features/catalogue/demo";
import { buildSearchIndex, searchIndex } from "../../src/features/catalogue/searchIndex";
import { CatalogueStore } from "../../src/features/catalogue/store";

const store = new CatalogueStore(demoProvince(), (id) => `key-${id}`);
const all = { limit: 500, prisonId: null, allow: () => true };
const ids = (q: string, opts = all) => searchIndex(store.searchIndex(), q, opts).hits.map((h) => h.id);

describe("search index", () => {
  it.each([
    // An exact id first, then hits whose own name or id holds the term, then those found through a group.
    { q: "pj-b1-s1-cell", first: ["pj-b1-s1-cell"] },
    { q: "PJ-B1-S1-CELL", first: ["pj-b1-s1-cell"] },
    { q: "锦州监狱", first: ["jz", "jz-b1", "jz-b2"] }, // the prison, its blocks, then sub-blocks, then cameras
    { q: "盘锦 北周界", first: ["pj-perimeter-n"] },
    { q: "  北周界  ", first: ["pj-perimeter-n", "sy1-perimeter-n"] },
    { q: "no such thing", first: [] },
  ])("'$q' → $first …", ({ q, first }) => {
    expect(ids(q).slice(0, first.length)).toEqual(first);
  });

  it("a group outranks the cameras found through its name; every term must match", () => {
    const hits = searchIndex(store.searchIndex(), "锦州 一监区", all).hits;
    expect(hits[0]).toMatchObject({ id: "jz-b1", kind: "block", name: "一监区", path: ["锦州监狱"] });
    expect(hits.every((h) => h.prisonId === "jz")).toBe(true);
    const cell = hits.find((h) => h.id === "jz-b1-s2-cell");
    expect(cell).toEqual({
      id: "jz-b1-s2-cell",
      kind: "camera",
      name: "二分监区监舍",
      cameraKind: "cell",
      path: ["锦州监狱", "一监区", "二分监区"],
      prisonId: "jz",
    });
  });

  it("limit caps the hits, total counts every match; the prison scope and allow leave hits out", () => {
    const capped = searchIndex(store.searchIndex(), "监舍", { ...all, limit: 5 });
    expect(capped.hits).toHaveLength(5);
    expect(capped.total).toBe(ids("监舍").length);
    const scoped = searchIndex(store.searchIndex(), "监舍", { ...all, prisonId: "pj" });
    expect(scoped.hits.length).toBeGreaterThan(0);
    expect(scoped.hits.every((h) => h.prisonId === "pj")).toBe(true);
    const withheld = searchIndex(store.searchIndex(), "监舍", { ...all, allow: (h) => h.id !== "pj-b1-s1-cell" });
    expect(withheld.total).toBe(capped.total - 1);
    expect(withheld.hits.map((h) => h.id)).not.toContain("pj-b1-s1-cell");
  });

  it("a GB camera its catalogue placed nowhere is marked unassigned", () => {
    const index = buildSearchIndex({
      prisons: () => [{ id: "pj", name: "盘锦监狱" }],
      blocks: () => [],
      subBlocks: () => [],
      cameras: () => [
        {
          id: "gb-1",
          name: "指挥中心全景",
          kind: "other",
          prisonId: "pj",
          blockId: null,
          subBlockId: null,
          source: { kind: "gb28181", deviceId: "34020000001180000001", channelId: "34020000001310000001" },
          codec: "unknown",
          hasSubStream: false,
        },
      ],
    });
    expect(searchIndex(index, "全景", all).hits).toEqual([
      {
        id: "gb-1",
        kind: "camera",
        name: "指挥中心全景",
        cameraKind: "other",
        path: ["盘锦监狱"],
        prisonId: "pj",
        unassigned: true,
      },
    ]);
  });

  it("sees a camera edit at the next search", () => {
    const s = new CatalogueStore(demoProvince(), (id) => `key-${id}`);
    expect(searchIndex(s.searchIndex(), "新的摄像机", all).total).toBe(0);
    s.fold({
      seq: 1,
      ts: 0,
      type: "camera.updated",
      actor: "commander",
      data: { camera: { ...s.camera("pj-gate")!, name: "新的摄像机" } },
    } as never);
    expect(searchIndex(s.searchIndex(), "新的摄像机", all).hits.map((h) => h.id)).toEqual(["pj-gate"]);
  });

  it("every hit holds every term (property)", () => {
    const words = ["监", "一", "pj", "周界", "食堂", "b2", "锦州", "s1", "门"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }), (terms) => {
        const { hits, total } = searchIndex(store.searchIndex(), terms.join(" "), all);
        expect(hits.length).toBe(Math.min(total, 500));
        for (const h of hits as SearchHit[]) {
          const text = `${h.name} ${h.id} ${h.path.join(" ")}`.toLowerCase();
          for (const t of terms) expect(text).toContain(t);
        }
      }),
      { numRuns: 50 },
    );
  });
});
