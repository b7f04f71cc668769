import { describe, expect, it } from "vitest";
import { countAlarms, decideAck, decideAlarmFeed, decideResolve, meanTimeToAck, meanTimeToResolve } from "../src/index";
import { alarmFeed, counter, Harness, MIN, ok, T0 } from "./fixtures";

describe("stats", () => {
  const h = new Harness();
  const ids = counter();
  const raise = (sourceId: string, type: "fall" | "fighting", now: number, prison = "p1") =>
    ok(
      h.run(
        decideAlarmFeed(h.state.alarms, prison, alarmFeed({ sourceId, type, severity: 3, occurredAt: now }), {
          now,
          newId: ids,
        }),
      ),
    ).result.id;
  const a = raise("1", "fall", T0 + 8 * 60 * MIN);
  const b = raise("2", "fighting", T0 + 8 * 60 * MIN + 30 * MIN, "p2");
  raise("3", "fall", T0 + 9 * 60 * MIN);
  const user = (now: number) => ({ now, actor: "user:duty" as const });
  ok(h.run(decideAck(h.state.alarms, a, {}, user(T0 + 8 * 60 * MIN + 2 * MIN))));
  ok(h.run(decideResolve(h.state.alarms, a, { disposition: "real", note: "n" }, user(T0 + 8 * 60 * MIN + 10 * MIN))));
  ok(
    h.run(
      decideResolve(h.state.alarms, b, { disposition: "false_alarm", note: "n" }, user(T0 + 8 * 60 * MIN + 34 * MIN)),
    ),
  );
  const alarms = Object.values(h.state.alarms.byId);

  it.each<[Parameters<typeof countAlarms>[1], Record<string, number>]>([
    ["type", { fall: 2, fighting: 1 }],
    ["prisonId", { p1: 2, p2: 1 }],
    ["state", { resolved: 2, open: 1 }],
    ["disposition", { real: 1, false_alarm: 1, none: 1 }],
    ["hour", { "2025-03-03T08": 2, "2025-03-03T09": 1 }],
  ])("counts by %s", (by, expected) => expect(countAlarms(alarms, by)).toEqual(expected));

  it("means time to acknowledge and resolve", () => {
    expect(meanTimeToAck(alarms)).toBe(3 * MIN); // (2 + 4) / 2
    expect(meanTimeToResolve(alarms)).toBe(7 * MIN); // (10 + 4) / 2
    expect(meanTimeToAck([])).toBeNull();
  });
});
