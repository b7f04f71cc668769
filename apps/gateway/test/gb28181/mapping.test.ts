// Where a GB catalogue's channels land in a prison (pure): blocks and sub-blocks by name (numerals and
// spaces normalised), a commander's explicit mapping, the prison's own level for an organisation named after
// the prison (a lower platform's top, e.g. our own edge's gate cameras), and 未分配 for the rest.
import type { CatalogItem } from "@cw/gb28181";
import { describe, expect, it } from "vitest";
import { type PrisonShape, placeChannels } from "../../src/gb28181/mapping";

const prison: PrisonShape = {
  name: "盘锦监狱",
  blocks: [
    { id: "pj-b1", name: "一监区", subBlocks: [{ id: "pj-b1-s1", name: "一分监区" }] },
    { id: "pj-b2", name: "二监区", subBlocks: [{ id: "pj-b2-s3", name: "三分监区" }] },
  ],
};
// 20-digit codes: digits 11–13 are the type (215 business group, 216 virtual organisation, 131 camera).
const code = (type: string, n: number) => `3402000000${type}${String(n).padStart(7, "0")}`;
const org = (type: string, n: number, name: string, parent?: string): CatalogItem =>
  ({ DeviceID: code(type, n), Name: name, ParentID: parent }) as CatalogItem;
const cam = (n: number, name: string, parent: string): CatalogItem =>
  ({ DeviceID: code("131", n), Name: name, ParentID: parent }) as CatalogItem;

describe("placeChannels", () => {
  const top = org("215", 1, "盘锦 监狱");
  const b1 = org("215", 2, "1监区", top.DeviceID);
  const s1 = org("216", 3, "1 分监区", b1.DeviceID);
  const elsewhere = org("216", 4, "仓库", top.DeviceID);
  const loose = org("215", 5, "外来平台");
  const items = [
    top,
    b1,
    s1,
    elsewhere,
    loose,
    cam(10, "一分监区监舍", s1.DeviceID),
    cam(11, "一监区走廊", b1.DeviceID),
    cam(12, "大门", top.DeviceID),
    cam(13, "三分监区食堂", elsewhere.DeviceID),
    cam(14, "仓库", loose.DeviceID),
  ];
  const by = (placements: ReturnType<typeof placeChannels>) =>
    Object.fromEntries(placements.map((p) => [p.name, [p.blockId, p.subBlockId, p.unplaced]]));

  it("places by names, at the prison's own level under an organisation named after it, else 未分配", () => {
    expect(by(placeChannels(items, prison, {}))).toEqual({
      一分监区监舍: ["pj-b1", "pj-b1-s1", false],
      一监区走廊: ["pj-b1", null, false],
      大门: [null, null, false],
      // Under organisations that name nothing here (仓库 below the prison's, or another platform's): 未分配.
      三分监区食堂: [null, null, true],
      仓库: [null, null, true],
    });
  });

  it("a commander's mapping wins, also one that puts an organisation at the prison's level", () => {
    const placed = by(
      placeChannels(items, prison, {
        [elsewhere.DeviceID]: { blockId: "pj-b2", subBlockId: "pj-b2-s3" },
        [loose.DeviceID]: { blockId: null, subBlockId: null },
      }),
    );
    expect(placed.三分监区食堂).toEqual(["pj-b2", "pj-b2-s3", false]);
    expect(placed.仓库).toEqual([null, null, false]);
  });

  it("cameras right under a platform named after the prison (our own edge) are the prison's own", () => {
    const edge = { id: "34020000002000001001", name: "盘锦监狱" };
    const gate = cam(20, "北大门", edge.id);
    const stray = cam(21, "外墙", "34020000002000009999");
    expect(by(placeChannels([gate, stray], prison, {}, edge))).toEqual({
      北大门: [null, null, false],
      外墙: [null, null, true],
    });
    // An NVR named otherwise: its bare channels wait under 未分配.
    expect(by(placeChannels([gate], prison, {}, { ...edge, name: "NVR-01" })).北大门).toEqual([null, null, true]);
  });

  it("a platform without a prison-named organisation leaves unmatched cameras waiting", () => {
    const other: PrisonShape = { ...prison, name: "沈阳第一监狱" };
    expect(by(placeChannels(items, other, {})).大门).toEqual([null, null, true]);
  });
});
