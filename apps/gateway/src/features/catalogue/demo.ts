// The generated demo province: 16 Liaoning prisons (names from the source documents and the province's
// real prison list), each with 4–6 blocks × 2 sub-blocks × (cell block, canteen, workshop, yard) plus
// perimeter and gate cameras — over 600 simulated cameras. Deterministic: same output every run. One of
// them is H.265, as Hikvision and Dahua cameras ship: 盘锦监狱's north perimeter (pj-perimeter-n, 北周界),
// so a new user sees an HEVC camera play on the wall — transcoded to H.264 where the browser has no HEVC
// decoder, as it is where it has one.
import type { CameraKind } from "@cw/protocol";
import type { BlockEntry, CameraEntry, PrisonEntry, Province } from "./model";

const prisons: Array<{ id: string; name: string; lng: number; lat: number }> = [
  { id: "pj", name: "盘锦监狱", lng: 122.07, lat: 41.12 },
  { id: "sy1", name: "沈阳第一监狱", lng: 123.43, lat: 41.8 },
  { id: "sy2", name: "沈阳第二监狱", lng: 123.3, lat: 41.9 },
  { id: "jz", name: "锦州监狱", lng: 121.13, lat: 41.1 },
  { id: "ly1", name: "凌源第一监狱", lng: 119.4, lat: 41.24 },
  { id: "ly2", name: "凌源第二监狱", lng: 119.33, lat: 41.2 },
  { id: "dlngl", name: "大连南关岭监狱", lng: 121.57, lat: 38.99 },
  { id: "wfd", name: "瓦房店监狱", lng: 122.0, lat: 39.63 },
  { id: "lnnv", name: "辽宁省女子监狱", lng: 123.5, lat: 41.75 },
  { id: "fs", name: "抚顺监狱", lng: 123.96, lat: 41.88 },
  { id: "as", name: "鞍山监狱", lng: 122.99, lat: 41.11 },
  { id: "yk", name: "营口监狱", lng: 122.23, lat: 40.67 },
  { id: "tl", name: "铁岭监狱", lng: 123.84, lat: 42.29 },
  { id: "dd", name: "丹东监狱", lng: 124.35, lat: 40.0 },
  { id: "fx", name: "阜新监狱", lng: 121.67, lat: 42.02 },
  { id: "cy", name: "朝阳监狱", lng: 120.45, lat: 41.57 },
];

const numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

const subBlockCameras: Array<{ suffix: string; kind: CameraKind; name: string }> = [
  { suffix: "cell", kind: "cell", name: "监舍" },
  { suffix: "canteen", kind: "canteen", name: "食堂" },
  { suffix: "workshop", kind: "workshop", name: "习艺车间" },
  { suffix: "yard", kind: "yard", name: "操场" },
];

const prisonCameras: Array<{ suffix: string; kind: CameraKind; name: string }> = [
  { suffix: "perimeter-e", kind: "perimeter", name: "东周界" },
  { suffix: "perimeter-s", kind: "perimeter", name: "南周界" },
  { suffix: "perimeter-w", kind: "perimeter", name: "西周界" },
  { suffix: "perimeter-n", kind: "perimeter", name: "北周界" },
  { suffix: "gate", kind: "gate", name: "大门" },
  { suffix: "gate-ab", kind: "gate", name: "AB门" },
];

/** The demo's H.265 camera. */
export const DEMO_HEVC_CAMERA = "pj-perimeter-n";

function sim(id: string, name: string, kind: CameraKind): CameraEntry {
  const codec = id === DEMO_HEVC_CAMERA ? "h265" : "h264";
  return { id, name, kind, source: { kind: "sim" }, codec, hasSubStream: true };
}

function block(prisonId: string, n: number): BlockEntry {
  const id = `${prisonId}-b${n}`;
  const blockName = `${numerals[n - 1] ?? String(n)}监区`;
  return {
    id,
    name: blockName,
    cameras: [],
    subBlocks: [1, 2].map((s) => {
      const subId = `${id}-s${s}`;
      const subName = `${numerals[s - 1]}分监区`;
      return {
        id: subId,
        name: subName,
        cameras: subBlockCameras.map((c) => sim(`${subId}-${c.suffix}`, `${subName}${c.name}`, c.kind)),
      };
    }),
  };
}

export function demoProvince(): Province {
  return {
    bureau: { id: "ln", name: "辽宁省监狱管理局" },
    prisons: prisons.map((p, i): PrisonEntry => {
      const blockCount = 4 + (i % 3); // 4, 5 or 6 blocks: prisons differ in size
      return {
        id: p.id,
        name: p.name,
        location: { lng: p.lng, lat: p.lat },
        cameras: prisonCameras.map((c) => sim(`${p.id}-${c.suffix}`, c.name, c.kind)),
        blocks: Array.from({ length: blockCount }, (_, b) => block(p.id, b + 1)),
      };
    }),
  };
}
