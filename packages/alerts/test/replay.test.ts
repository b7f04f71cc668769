// Property: the state is a fold of the log. Random command sequences run through the real deciders (and
// the timer's tick) at increasing times; folding the resulting log again, event by event, after a JSON
// round trip through the log format, or in two halves, always gives the same state.
import type { StreamHealth } from "@cw/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../src/index";
import {
  decideAck,
  decideAlarmFeed,
  decideResolve,
  decideRollCallFeed,
  decideStreamHealth,
  emptyControlState,
  foldControl,
  parseEvent,
  reduceControl,
  tick,
} from "../src/index";
import { alarmFeed, config, counter, Harness, MIN, rollFeed, T0 } from "./fixtures";

const blocks = [{ prisonId: "p1", blockId: "b1" }];
const arbCommand = fc.oneof(
  fc.record({
    kind: fc.constant("feed" as const),
    prison: fc.constantFrom("p1", "p2"),
    sourceId: fc.constantFrom("s1", "s2", "s3"),
    severity: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
  }),
  fc.record({
    kind: fc.constantFrom("ack" as const, "resolve" as const),
    pick: fc.nat(),
    note: fc.constantFrom("", "seen"),
  }),
  fc.record({
    kind: fc.constant("rollcall" as const),
    sourceId: fc.constantFrom("r1", "r2"),
    present: fc.constantFrom(119, 120),
  }),
  fc.record({
    kind: fc.constant("health" as const),
    state: fc.constantFrom("live", "stalled", "offline", "idle") as fc.Arbitrary<StreamHealth["state"]>,
  }),
  fc.record({ kind: fc.constant("tick" as const) }),
);
const arbScript = fc.array(fc.tuple(arbCommand, fc.integer({ min: 0, max: 20 * MIN })), { maxLength: 40 });

function play(commands: [Parameters<typeof exec>[1], number][]): DomainEvent[] {
  const h = new Harness();
  const ids = counter("id");
  let now = T0 + 6 * 60 * MIN - 30 * MIN;
  for (const [cmd, dt] of commands) {
    now += dt;
    exec(h, cmd, now, ids);
  }
  return h.log;
}

function exec(
  h: Harness,
  cmd: typeof arbCommand extends fc.Arbitrary<infer C> ? C : never,
  now: number,
  newId: () => string,
): void {
  const alarmIds = Object.keys(h.state.alarms.byId).sort();
  const user = { now, actor: "user:duty" as const };
  switch (cmd.kind) {
    case "feed":
      h.run(
        decideAlarmFeed(
          h.state.alarms,
          cmd.prison,
          alarmFeed({ sourceId: cmd.sourceId, severity: cmd.severity, occurredAt: now }),
          { now, newId },
        ),
      );
      return;
    case "ack":
    case "resolve": {
      const id = alarmIds[cmd.pick % Math.max(1, alarmIds.length)] ?? "none";
      if (cmd.kind === "ack") h.run(decideAck(h.state.alarms, id, { note: cmd.note }, user));
      else h.run(decideResolve(h.state.alarms, id, { disposition: "handled", note: cmd.note }, user));
      return;
    }
    case "rollcall":
      h.run(
        decideRollCallFeed(h.state, "p1", rollFeed({ sourceId: cmd.sourceId, present: cmd.present, reportedAt: now }), {
          now,
          newId,
          config,
        }),
      );
      return;
    case "health": {
      const health = {
        cameraId: "cam1",
        variant: "main",
        state: cmd.state,
        codec: "h264",
        width: 0,
        height: 0,
        fps: 0,
        bitrateKbps: 0,
        viewers: 0,
        lastFrameAt: null,
        startedAt: null,
        discontinuities: 0,
        error: null,
      } as const;
      h.append(
        decideStreamHealth(h.state.alarms, [health], {
          now,
          newId,
          cameraOf: () => ({ prisonId: "p1", blockId: null, subBlockId: null }),
        }),
      );
      return;
    }
    case "tick":
      h.append(tick(h.state, { now, rollcalls: config, blocks }));
      return;
  }
}

describe("property: replay determinism", () => {
  it("folding the log again, stepwise, from JSON, or in halves gives the same state", () => {
    fc.assert(
      fc.property(arbScript, (script) => {
        const log = play(script);
        const once = foldControl(log);
        expect(foldControl(log)).toEqual(once);
        expect(log.reduce(reduceControl, emptyControlState())).toEqual(once);
        const reparsed = (JSON.parse(JSON.stringify(log)) as unknown[]).map((raw) => {
          const r = parseEvent(raw);
          if (!r.ok) throw new Error(JSON.stringify(r.error));
          return r.value;
        });
        expect(reparsed).toEqual(log);
        const mid = Math.floor(log.length / 2);
        expect(foldControl(log.slice(mid), foldControl(log.slice(0, mid)))).toEqual(once);
        // Replaying the whole log over the state it produced changes nothing (duplicates are no-ops).
        expect(foldControl(log, once)).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });

  it("the same commands produce the same log", () => {
    fc.assert(
      fc.property(arbScript, (script) => {
        expect(play(script)).toEqual(play(script));
      }),
      { numRuns: 100 },
    );
  });
});
