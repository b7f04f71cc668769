// The simulated alarm mix: every alarm passes the feed schema, the severities are realistic (mostly
// 3-4, rarely 1-2), ids come from the catalogue, and perimeter alarms come from perimeter cameras.
import { zAlarmFeed } from "@cw/alerts";
import { describe, expect, it } from "vitest";
import { alarmMix, makeAlarm } from "../../src/sim/alarmMix";
import { mulberry32 } from "../../src/sim/rng";
import { testPrisons } from "./fixtures";

const now = 1_750_000_000_000;

describe("makeAlarm", () => {
  const rng = mulberry32(42);
  const alarms = Array.from({ length: 4_000 }, (_, i) => {
    const prison = testPrisons[i % testPrisons.length]!;
    return { prison, alarm: makeAlarm(rng, prison, `${prison.id}-${i}`, now) };
  });

  it("produces bodies the feeds API accepts", () => {
    for (const { alarm } of alarms) expect(zAlarmFeed.safeParse(alarm).success).toBe(true);
  });

  it("is mostly severity 3-4, rarely 1-2, and covers the whole mix", () => {
    const severe = alarms.filter(({ alarm }) => alarm.severity <= 2).length / alarms.length;
    expect(severe).toBeGreaterThan(0.04);
    expect(severe).toBeLessThan(0.16);
    const types = new Set(alarms.map(({ alarm }) => alarm.type));
    expect([...types].sort()).toEqual(alarmMix.map((m) => m.type).sort());
  });

  it("names a camera, block and sub-block of the reporting prison, consistently", () => {
    for (const { prison, alarm } of alarms) {
      const cam = prison.cameras.find((c) => c.id === alarm.cameraId);
      expect(cam).toBeDefined();
      expect(alarm.blockId).toBe(cam?.blockId);
      expect(alarm.subBlockId).toBe(cam?.subBlockId);
    }
  });

  it("raises perimeter intrusions on perimeter cameras, with Chinese titles", () => {
    const perimeter = alarms.filter(({ alarm }) => alarm.type === "perimeter_intrusion");
    expect(perimeter.length).toBeGreaterThan(0);
    for (const { prison, alarm } of perimeter) {
      expect(prison.cameras.find((c) => c.id === alarm.cameraId)?.kind).toBe("perimeter");
      expect(alarm.title).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("falls back to a block when a prison has no cameras", () => {
    const bare = { id: "p09", blocks: [{ id: "b1", subBlocks: [] }], cameras: [] };
    const a = makeAlarm(mulberry32(1), bare, "p09-1", now);
    expect(a).toMatchObject({ cameraId: null, blockId: "b1", subBlockId: null });
    expect(zAlarmFeed.safeParse(a).success).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const p = testPrisons[0]!;
    expect(makeAlarm(mulberry32(7), p, "x", now)).toEqual(makeAlarm(mulberry32(7), p, "x", now));
  });
});
