import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  base64DecodedBytes,
  defaultSchedule,
  parseEvent,
  SNAPSHOT_MAX_BYTES,
  zAlarmFeed,
  zAlarmResolve,
  zRollCallFeed,
  zSchedule,
} from "../src/index";
import { alarmFeed, JPEG, rollFeed, T0 } from "./fixtures";

const big = (bytes: number) => {
  // A canonical base64 string decoding to exactly `bytes` bytes, starting with the JPEG magic.
  const chars = Math.ceil(bytes / 3) * 4;
  const pad = (3 - (bytes % 3)) % 3;
  return "/9j/" + "A".repeat(chars - 4 - pad) + "=".repeat(pad);
};

describe("zAlarmFeed", () => {
  const cases: [string, Record<string, unknown>, string | null][] = [
    ["minimal", { sourceId: "x", type: "fall", severity: 4, occurredAt: T0 }, null],
    ["ISO time with offset", { occurredAt: "2025-03-03T08:00:00+08:00" }, null],
    ["null optionals", { blockId: null, cameraId: null, title: null }, null],
    ["snapshot", { snapshot: JPEG }, null],
    ["data-url snapshot", { snapshot: `data:image/jpeg;base64,${JPEG}` }, null],
    ["snapshot at the limit", { snapshot: big(SNAPSHOT_MAX_BYTES) }, null],
    ["snapshot over the limit", { snapshot: big(SNAPSHOT_MAX_BYTES + 1) }, "snapshot"],
    ["snapshot not JPEG", { snapshot: "iVBORw0KGgo=" }, "snapshot"],
    ["snapshot bad charset", { snapshot: "/9j/4AA*" }, "snapshot"],
    ["snapshot bad length", { snapshot: "/9j/4AA" }, "snapshot"],
    ["unknown type", { type: "riot" }, "type"],
    ["severity 0", { severity: 0 }, "severity"],
    ["severity 5", { severity: 5 }, "severity"],
    ["severity as string", { severity: "1" }, "severity"],
    ["seconds, not ms", { occurredAt: 1_740_960_000 }, "occurredAt"],
    ["zone-less ISO", { occurredAt: "2025-03-03T08:00:00" }, "occurredAt"],
    ["title too long", { title: "x".repeat(201) }, "title"],
    ["description too long", { description: "x".repeat(2001) }, "description"],
    ["extra field", { extra: 1 }, ""],
    ["sourceId with space", { sourceId: "a b" }, "sourceId"],
    ["bad camera id", { cameraId: "cam 1" }, "cameraId"],
  ];
  it.each(cases)("%s", (_name, over, badField) => {
    const r = zAlarmFeed.safeParse({ ...alarmFeed(), ...over });
    expect(r.success).toBe(badField === null);
    if (!r.success && badField !== "") expect(r.error.issues[0]?.path.join(".")).toBe(badField);
  });

  it("normalises instants to unix ms and strips a data-url prefix", () => {
    const r = zAlarmFeed.parse({
      ...alarmFeed(),
      occurredAt: "2025-03-03T00:00:00+08:00",
      snapshot: `data:image/jpeg;base64,${JPEG}`,
    });
    expect(r.occurredAt).toBe(T0);
    expect(r.snapshot).toBe(JPEG);
  });

  it("computes decoded base64 sizes arithmetically", () => {
    expect(base64DecodedBytes("")).toBe(0);
    expect(base64DecodedBytes("QQ==")).toBe(1);
    expect(base64DecodedBytes("QUI=")).toBe(2);
    expect(base64DecodedBytes("QUJD")).toBe(3);
    expect(base64DecodedBytes("QUJ")).toBeNull();
    expect(base64DecodedBytes("Q=JD")).toBeNull();
  });
});

describe("zAlarmResolve", () => {
  it.each([
    [{ disposition: "real", note: "n" }, true],
    [{ disposition: "false_alarm" }, true],
    [{ disposition: "cleared", note: "n" }, false],
    [{ note: "n" }, false],
  ])("%j → %s", (body, good) => expect(zAlarmResolve.safeParse(body).success).toBe(good));
});

describe("zRollCallFeed and schedules", () => {
  it.each([
    ["valid", {}, true],
    ["with absentees", { absentees: [{ reason: "hospital" }, { ref: "P-1", reason: "court" }] }, true],
    ["negative present", { present: -1 }, false],
    ["fractional expected", { expected: 1.5 }, false],
    ["missing blockId", { blockId: undefined }, false],
    ["absentee without reason", { absentees: [{ ref: "P-1" }] }, false],
  ])("%s", (_n, over, good) => expect(zRollCallFeed.safeParse({ ...rollFeed(), ...over }).success).toBe(good));

  it("accepts the default schedule", () => expect(zSchedule.safeParse(defaultSchedule).success).toBe(true));
  it.each([
    ["duplicate ids", [defaultSchedule[0], defaultSchedule[0]]],
    ["times not increasing", [defaultSchedule[1], defaultSchedule[0]]],
    ["bad time", [{ ...defaultSchedule[0], time: "24:00" }]],
    ["red before grace", [{ ...defaultSchedule[0], graceMin: 30, redAfterMin: 10 }]],
    ["empty", []],
  ])("rejects a schedule with %s", (_n, list) => expect(zSchedule.safeParse(list).success).toBe(false));
});

describe("parseEvent", () => {
  it("round-trips a valid event and names the bad field of an invalid one", () => {
    const e = { type: "alarm.acknowledged", at: T0, actor: "user:duty", data: { id: "a1", note: "" } };
    expect(parseEvent(JSON.parse(JSON.stringify(e)))).toEqual({ ok: true, value: e });
    expect(parseEvent({ ...e, type: "alarm.exploded" })).toMatchObject({ ok: false, error: { field: "type" } });
    expect(parseEvent({ ...e, data: { id: "a1" } })).toMatchObject({ ok: false, error: { field: "data.note" } });
  });
});

describe("property: schemas reject junk without throwing", () => {
  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        for (const s of [zAlarmFeed, zRollCallFeed, zSchedule, zAlarmResolve])
          expect(() => s.safeParse(junk)).not.toThrow();
        expect(() => parseEvent(junk)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
  it("rejects arbitrary objects and mutated feeds", () => {
    fc.assert(
      fc.property(fc.object(), (o) => {
        expect(zAlarmFeed.safeParse(o).success).toBe(false);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.constantFrom("sourceId", "type", "severity", "occurredAt"), fc.anything(), (key, v) => {
        fc.pre(!(key === "sourceId" && typeof v === "string" && /^[\x21-\x7e]{1,128}$/.test(v)));
        fc.pre(!(key === "severity" && [1, 2, 3, 4].includes(v as number)));
        fc.pre(!(key === "type" && typeof v === "string"));
        fc.pre(!(key === "occurredAt" && (typeof v === "number" || typeof v === "string")));
        expect(zAlarmFeed.safeParse({ ...alarmFeed(), [key]: v }).success).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
  it("snapshot check agrees with a real base64 decoder on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const b64 = Buffer.from(bytes).toString("base64");
        expect(base64DecodedBytes(b64)).toBe(bytes.length);
      }),
    );
  });
});
