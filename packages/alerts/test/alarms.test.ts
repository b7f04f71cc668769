import type { StreamHealth } from "@cw/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Alarm } from "../src/index";
import {
  alarmLightAt,
  alarmQueue,
  alarmTileRule,
  canSeeAlarm,
  compareQueue,
  decideAck,
  decideAlarmFeed,
  decideResolve,
  decideStreamHealth,
  defaultAlarmPolicy,
  pickAlarmTile,
  selectAlarms,
  tick,
} from "../src/index";
import { alarmFeed, config, counter, Harness, JPEG, MIN, ok, T0 } from "./fixtures";

const user = (now: number, prisonScope: string | null = null) => ({ now, actor: "user:duty" as const, prisonScope });

function raised(h: Harness, over = {}, prisonId = "p1", now = T0): string {
  return ok(
    h.run(decideAlarmFeed(h.state.alarms, prisonId, alarmFeed(over), { now, newId: counter(`x${h.log.length}-`) })),
  ).result.id;
}

describe("decideAlarmFeed", () => {
  it("raises an alarm with its ack obligation and keeps the snapshot beside the record", () => {
    const h = new Harness();
    const d = ok(
      h.run(decideAlarmFeed(h.state.alarms, "p1", alarmFeed({ snapshot: JPEG }), { now: T0, newId: () => "a1" })),
    );
    expect(d.result).toEqual({ id: "a1", duplicate: false });
    expect(d.events.map((e) => [e.type, e.actor])).toEqual([
      ["alarm.raised", "feed:p1"],
      ["obligation.opened", "system"],
    ]);
    const a = h.state.alarms.byId.a1!;
    expect(a).toMatchObject({
      state: "open",
      count: 1,
      hasSnapshot: true,
      ackObligationId: "ack.a1",
      yellowAt: T0 + 3 * MIN,
      redAt: T0 + 10 * MIN,
    });
    expect(h.state.alarms.snapshots.a1).toBe(JPEG);
    expect(h.state.obligations.byId["ack.a1"]?.owner).toBe("p1");
  });

  it("counts the same sourceId again, in the same prison only", () => {
    const h = new Harness();
    const id = raised(h);
    const again = ok(
      h.run(decideAlarmFeed(h.state.alarms, "p1", alarmFeed({ title: "changed" }), { now: T0 + 1, newId: () => "zz" })),
    );
    expect(again.result).toEqual({ id, duplicate: true });
    expect(again.events.map((e) => e.type)).toEqual(["alarm.repeated"]);
    expect(h.state.alarms.byId[id]?.count).toBe(2);
    const other = raised(h, {}, "p2");
    expect(other).not.toBe(id);
  });

  it.each<[string, string, unknown, string]>([
    ["bad prison id", "p 1", alarmFeed(), "prisonId"],
    ["future occurredAt", "p1", alarmFeed({ occurredAt: T0 + 6 * MIN }), "occurredAt"],
    ["bad severity", "p1", alarmFeed({ severity: 9 as 1 }), "severity"],
    ["not an object", "p1", "junk", ""],
  ])("rejects %s as validation data", (_n, prisonId, body, field) => {
    const d = decideAlarmFeed(new Harness().state.alarms, prisonId, body, { now: T0, newId: () => "a" });
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.error.code).toBe("validation");
      if (field !== "") expect(d.error.field).toBe(field);
    }
  });
});

describe("decideAck / decideResolve", () => {
  type Row = [string, 1 | 2 | 3 | 4, "ack" | "resolve", unknown, string | null];
  const rows: Row[] = [
    ["ack severity 1 without note", 1, "ack", {}, "validation:note"],
    ["ack severity 2 with blank note", 2, "ack", { note: "  " }, "validation:note"],
    ["ack severity 1 with note", 1, "ack", { note: "on my way" }, null],
    ["ack severity 3 without note", 3, "ack", {}, null],
    ["ack severity 4 with null body", 4, "ack", null, null],
    ["ack with unknown field", 3, "ack", { notes: "x" }, "validation:"],
    ["resolve without note", 3, "resolve", { disposition: "handled" }, "validation:note"],
    ["resolve with bad disposition", 3, "resolve", { disposition: "meh", note: "n" }, "validation:disposition"],
    ["resolve straight from open", 1, "resolve", { disposition: "false_alarm", note: "a bird" }, null],
  ];
  it.each(rows)("%s", (_n, severity, action, body, error) => {
    const h = new Harness();
    const id = raised(h, { severity });
    const decide = action === "ack" ? decideAck : decideResolve;
    const d = h.run(decide(h.state.alarms, id, body, user(T0 + MIN)));
    if (error === null) {
      expect(d.ok).toBe(true);
      expect(h.state.alarms.byId[id]?.state).toBe(action === "ack" ? "acknowledged" : "resolved");
      expect(h.state.obligations.byId[`ack.${id}`]?.status).toBe("fulfilled");
    } else {
      const [code, field] = error.split(":");
      expect(d).toMatchObject({ ok: false, error: { code } });
      if (!d.ok && field !== "") expect(d.error.field).toBe(field);
    }
  });

  it("walks open → acknowledged → resolved; anything after is a conflict", () => {
    const h = new Harness();
    const id = raised(h, { severity: 3 });
    ok(h.run(decideAck(h.state.alarms, id, { note: "seen" }, user(T0 + MIN))));
    expect(decideAck(h.state.alarms, id, { note: "again" }, user(T0 + 2 * MIN))).toMatchObject({
      error: { code: "conflict" },
    });
    const r = ok(h.run(decideResolve(h.state.alarms, id, { disposition: "real", note: "done" }, user(T0 + 5 * MIN))));
    expect(r.events.map((e) => e.type)).toEqual(["alarm.resolved"]);
    const a = h.state.alarms.byId[id]!;
    expect(a.ack).toEqual({ at: T0 + MIN, by: "user:duty", note: "seen", via: null });
    expect(a.resolution).toEqual({ at: T0 + 5 * MIN, by: "user:duty", disposition: "real", note: "done", via: null });
    expect(decideResolve(h.state.alarms, id, { disposition: "real", note: "x" }, user(T0))).toMatchObject({
      error: { code: "conflict" },
    });
  });

  it("records where an acknowledgement or resolution made at the other level came from (via)", () => {
    const h = new Harness();
    const id = raised(h, { severity: 3 });
    const via = { prisonId: "pj", name: "张三" };
    const r = ok(h.run(decideAck(h.state.alarms, id, {}, { ...user(T0 + MIN), actor: "feed:pj", via })));
    expect(r.events[0]?.data).toEqual({ id, note: "", via });
    expect(h.state.alarms.byId[id]?.ack).toEqual({ at: T0 + MIN, by: "feed:pj", note: "", via });
  });

  it("hides other prisons' alarms and unknown ids as not_found", () => {
    const h = new Harness();
    const id = raised(h);
    expect(decideAck(h.state.alarms, id, { note: "n" }, user(T0, "p2"))).toMatchObject({
      error: { code: "not_found" },
    });
    expect(decideAck(h.state.alarms, "nope", { note: "n" }, user(T0))).toMatchObject({ error: { code: "not_found" } });
    expect(decideAck(h.state.alarms, id, { note: "n" }, user(T0, "p1")).ok).toBe(true);
  });
});

describe("lights and escalation of an alarm", () => {
  it("turns yellow, red and reaches the commander's queue; acknowledging freezes the badge", () => {
    const h = new Harness();
    const id = raised(h, { severity: 1 });
    const tickAt = (now: number) => h.append(tick(h.state, { now, rollcalls: config, blocks: [] }));
    tickAt(T0 + MIN);
    expect(h.state.alarms.byId[id]?.light).toBe("yellow");
    tickAt(T0 + 3 * MIN);
    expect(h.state.alarms.byId[id]).toMatchObject({ light: "red", escalatedTo: ["commander"] });
    expect(selectAlarms(h.state.alarms, { escalatedTo: "commander" }).map((a) => a.id)).toEqual([id]);
    ok(h.run(decideAck(h.state.alarms, id, { note: "late" }, user(T0 + 4 * MIN))));
    expect(alarmLightAt(h.state.alarms.byId[id]!, T0 + 60 * MIN)).toBe("red");
    expect(tick(h.state, { now: T0 + 60 * MIN, rollcalls: config, blocks: [] })).toEqual([]);
  });

  it("computes the live light between ticks", () => {
    const h = new Harness();
    const id = raised(h, { severity: 2 });
    const a = h.state.alarms.byId[id]!;
    expect([T0, T0 + 3 * MIN, T0 + 10 * MIN].map((t) => alarmLightAt(a, t))).toEqual(["green", "yellow", "red"]);
  });
});

describe("queue and selectors", () => {
  const h = new Harness();
  const a = raised(h, { sourceId: "s-a", severity: 3 }, "p1", T0);
  const b = raised(h, { sourceId: "s-b", severity: 1 }, "p1", T0 + MIN);
  const c = raised(h, { sourceId: "s-c", severity: 3, type: "fall" }, "p2", T0 - MIN);
  const d = raised(h, { sourceId: "s-d", severity: 1 }, "p2", T0 + 2 * MIN);
  ok(h.run(decideResolve(h.state.alarms, d, { disposition: "handled", note: "ok" }, user(T0 + 3 * MIN))));

  it("orders the queue by severity, then age; resolved alarms leave it", () => {
    expect(alarmQueue(h.state.alarms).map((x) => x.id)).toEqual([b, c, a]);
    expect(alarmQueue(h.state.alarms, { prisonId: "p1" }).map((x) => x.id)).toEqual([b, a]);
  });
  it.each<[string, object, string[]]>([
    ["all, newest first", {}, [d, b, a, c]],
    ["by state", { state: "resolved" }, [d]],
    ["by prison", { prisonId: "p2" }, [d, c]],
    ["by type", { type: "fall" }, [c]],
    ["since", { since: T0 }, [d, b, a]],
    ["limit", { limit: 2 }, [d, b]],
  ])("selectAlarms %s", (_n, f, ids) => expect(selectAlarms(h.state.alarms, f).map((x) => x.id)).toEqual(ids));
  it("filters by live light when given now", () => {
    expect(selectAlarms(h.state.alarms, { light: "red" }, T0 + 4 * MIN).map((x) => x.id)).toEqual([b]);
  });
  it("lets an operator see only their prison", () => {
    const alarm = h.state.alarms.byId[c]!;
    expect([
      canSeeAlarm({ prisonId: null }, alarm),
      canSeeAlarm({ prisonId: "p2" }, alarm),
      canSeeAlarm({ prisonId: "p1" }, alarm),
    ]).toEqual([true, true, false]);
  });
  it("compareQueue is a total order", () => {
    const all = Object.values(h.state.alarms.byId);
    for (const x of all)
      for (const y of all) expect(Math.sign(compareQueue(x, y)) + Math.sign(compareQueue(y, x))).toBe(0);
  });
});

describe("alarm → wall tile", () => {
  const base = { cameraId: "cam1", state: "open", severity: 1 } as Alarm;
  it.each<[string, Partial<Alarm>, boolean, boolean]>([
    ["severity 1 with camera", {}, true, true],
    ["acknowledged: stays, no highlight", { state: "acknowledged" }, true, false],
    ["resolved", { state: "resolved" }, false, false],
    ["no camera", { cameraId: null }, false, false],
    ["severity 3 (rule off)", { severity: 3 }, false, false],
  ])("%s", (_n, over, show, highlight) => {
    expect(alarmTileRule(defaultAlarmPolicy, { ...base, ...over })).toMatchObject({ show, highlight });
  });
  it("picks the unacknowledged, most severe, newest alarm", () => {
    const h = new Harness();
    raised(h, { sourceId: "1", severity: 2, cameraId: "c1" }, "p1", T0);
    const newest = raised(h, { sourceId: "2", severity: 2, cameraId: "c2" }, "p1", T0 + 1);
    raised(h, { sourceId: "3", severity: 4, cameraId: "c3" }, "p1", T0 + 2);
    expect(pickAlarmTile(defaultAlarmPolicy, h.state.alarms)?.id).toBe(newest);
    ok(h.run(decideAck(h.state.alarms, newest, { note: "n" }, user(T0 + 3))));
    expect(pickAlarmTile(defaultAlarmPolicy, h.state.alarms)?.cameraId).toBe("c1");
  });
});

describe("decideStreamHealth", () => {
  const hs = (cameraId: string, state: StreamHealth["state"], variant: "main" | "sub" = "main"): StreamHealth => ({
    cameraId,
    variant,
    state,
    codec: "h264",
    width: 0,
    height: 0,
    fps: 0,
    bitrateKbps: 0,
    viewers: 1,
    lastFrameAt: null,
    startedAt: null,
    discontinuities: 0,
    error: state === "offline" ? "connection refused" : null,
  });
  const cameraOf = (id: string) => (id === "ghost" ? undefined : { prisonId: "p1", blockId: "b1", subBlockId: null });

  it("raises one video_loss per camera while lost and clears it when the picture returns", () => {
    const h = new Harness();
    const ids = counter("v");
    const step = (now: number, health: StreamHealth[]) => {
      const events = decideStreamHealth(h.state.alarms, health, { now, newId: ids, cameraOf });
      h.append(events);
      return events.map((e) => e.type);
    };
    expect(
      step(T0, [hs("c1", "stalled"), hs("c1", "offline", "sub"), hs("c2", "live"), hs("ghost", "offline")]),
    ).toEqual(["alarm.raised", "obligation.opened"]);
    expect(step(T0 + 1000, [hs("c1", "offline")])).toEqual([]);
    expect(step(T0 + 2000, [hs("c1", "idle")])).toEqual([]);
    expect(h.state.alarms.byId.v1).toMatchObject({
      type: "video_loss",
      cameraId: "c1",
      severity: 3,
      description: "connection refused",
      origin: "stream_health",
    });
    expect(step(T0 + 3000, [hs("c1", "stalled"), hs("c1", "live", "sub")])).toEqual([
      "alarm.cleared",
      "obligation.fulfilled",
    ]);
    expect(h.state.alarms.byId.v1?.state).toBe("cleared");
    expect(step(T0 + 4000, [hs("c1", "offline")])).toEqual(["alarm.raised", "obligation.opened"]);
  });

  it("a loss resolved by hand is not raised again while it lasts, and clearing keeps the disposition", () => {
    const h = new Harness();
    const ids = counter("v");
    h.append(decideStreamHealth(h.state.alarms, [hs("c1", "offline")], { now: T0, newId: ids, cameraOf }));
    ok(h.run(decideResolve(h.state.alarms, "v1", { disposition: "handled", note: "cable" }, user(T0 + 1))));
    expect(decideStreamHealth(h.state.alarms, [hs("c1", "offline")], { now: T0 + 2, newId: ids, cameraOf })).toEqual(
      [],
    );
    h.append(decideStreamHealth(h.state.alarms, [hs("c1", "live")], { now: T0 + 3, newId: ids, cameraOf }));
    expect(h.state.alarms.byId.v1).toMatchObject({ state: "resolved", clearedAt: T0 + 3 });
    expect(h.state.alarms.lostCameras).toEqual({});
  });
});

describe("property: a duplicate sourceId never creates a second alarm", () => {
  it("holds for any sequence of feeds", () => {
    const arbFeed = fc.record({
      prison: fc.constantFrom("p1", "p2"),
      sourceId: fc.constantFrom("s1", "s2", "s3", "s:4/x"),
      severity: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
    });
    fc.assert(
      fc.property(fc.array(arbFeed, { maxLength: 40 }), (feeds) => {
        const h = new Harness();
        const ids = counter();
        const first = new Map<string, string>();
        feeds.forEach((f, i) => {
          const d = ok(
            h.run(
              decideAlarmFeed(h.state.alarms, f.prison, alarmFeed({ sourceId: f.sourceId, severity: f.severity }), {
                now: T0 + i,
                newId: ids,
              }),
            ),
          );
          const key = `${f.prison}/${f.sourceId}`;
          expect(d.result.duplicate).toBe(first.has(key));
          if (!first.has(key)) first.set(key, d.result.id);
          expect(d.result.id).toBe(first.get(key));
        });
        const alarms = Object.values(h.state.alarms.byId);
        expect(alarms.length).toBe(first.size);
        const total = alarms.reduce((n, a) => n + a.count, 0);
        expect(total).toBe(feeds.length);
      }),
      { numRuns: 200 },
    );
  });
});
