// A burst of live messages applied as one batch (LiveProvider) must leave the store exactly as applying
// them one by one would: alarms merged with one copy of the map, other topics in order between them.
// And the alarm map stays bounded to the newest maxAlarms under a storm.
import type { AlarmView, LiveMessage } from "@cw/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyAlarmsLive, emptyLiveControl, maxAlarms } from "../src/duty/liveControl";
import { applyLive, applyLiveBatch, initialLiveState, type LiveState } from "../src/live/liveStore";
import { alarm } from "./alarmFixture";

const at = (id: string, raisedAt: number, state: AlarmView["state"] = "open"): AlarmView =>
  alarm(id, { raisedAt, occurredAt: raisedAt, lastOccurredAt: raisedAt, state });

const message = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom<AlarmView["state"]>("open", "acknowledged", "resolved"))
    .map(([i, state]): LiveMessage => ({ topic: "alarm", data: at(`a${i}`, 1000 + i, state) })),
  fc.integer({ min: 0, max: 5 }).map(
    (n): LiveMessage => ({
      topic: "rollcall.board",
      data: { cells: [{ key: `k${n}` } as never] },
    }),
  ),
  fc
    .integer({ min: 1, max: 9 })
    .map((v): LiveMessage => ({ topic: "hello", data: { username: "u", role: "duty", serverTime: v } })),
);

describe("applyLiveBatch", () => {
  it("equals applying the messages one by one (property)", () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 60 }), (msgs) => {
        let one: LiveState = initialLiveState();
        for (const m of msgs) one = { ...one, ...applyLive(one, m, 5) };
        const batch = applyLiveBatch(initialLiveState(), msgs, 5);
        expect(batch.control).toEqual(one.control);
        expect(batch.hello).toEqual(one.hello);
        expect(batch.clockOffsetMs).toBe(one.clockOffsetMs);
      }),
    );
  });
});

describe("applyAlarmsLive", () => {
  it("keeps the newest maxAlarms by raisedAt and hears each new id once", () => {
    const storm = Array.from({ length: maxAlarms + 500 }, (_, i) => at(`x${i}`, i));
    const s = applyAlarmsLive(emptyLiveControl(), storm);
    const ids = Object.keys(s.alarms);
    expect(ids).toHaveLength(maxAlarms);
    expect(s.alarms.x0).toBeUndefined();
    expect(s.alarms[`x${maxAlarms + 499}`]).toBeDefined();
    expect(s.arrivals).toHaveLength(50);
    expect(s.arrivals.at(-1)).toBe(`x${maxAlarms + 499}`);
    // An update of a known alarm is no arrival; an empty batch changes nothing.
    const again = applyAlarmsLive(s, [at(`x${maxAlarms + 499}`, maxAlarms + 499, "acknowledged")]);
    expect(again.arrivals).toBe(s.arrivals);
    expect(applyAlarmsLive(again, [])).toBe(again);
  });
});
