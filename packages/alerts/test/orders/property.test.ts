// Properties of the orders domain under any interleaving of issue / deliver / sign / feedback / remind /
// tick at increasing times (injected clock): signed duties never light up afterwards, unsigned ones past
// their deadline are red and escalated exactly once per level, an operator never sees another prison's
// target, and the state is a fold of the log (replay determinism).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ControlState, Decision, DomainEvent, Obligation } from "../../src/index";
import {
  decideDelivered,
  decideFeedback,
  decideIssue,
  decideRemind,
  decideSign,
  emptyControlState,
  foldControl,
  lightAt,
  orderView,
  parseEvent,
  reduceControl,
  selectOrders,
  undeliveredFor,
} from "../../src/index";
import { counter, Harness, MIN, T0 } from "../fixtures";
import { commander, compose, tickAt, tree } from "./fixtures";

const PICKS = ["province", "p1", "p2", "p1-b1", "p1-b1-s1", "p1-b2", "p2-b1"];
const PRISONS = ["p1", "p2"];

const arbCommand = fc.oneof(
  fc.record({
    kind: fc.constant("issue" as const),
    targets: fc.subarray(PICKS, { minLength: 1 }),
    signMin: fc.integer({ min: 1, max: 600 }),
    feedbackMin: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: null }),
  }),
  fc.record({
    kind: fc.constantFrom("deliver" as const, "sign" as const, "feedback" as const),
    order: fc.nat(),
    unit: fc.nat(),
    ownPrison: fc.boolean(),
  }),
  fc.record({ kind: fc.constant("remind" as const), order: fc.nat() }),
  fc.record({ kind: fc.constant("tick" as const) }),
);
type Command = typeof arbCommand extends fc.Arbitrary<infer C> ? C : never;
const arbScript = fc.array(fc.tuple(arbCommand, fc.integer({ min: 0, max: 6 * 60 * MIN })), { maxLength: 40 });

interface Run {
  h: Harness;
  end: number;
  /** Per sign obligation id, the index in the log of its fulfilment. */
  signedAtIndex: Map<string, number>;
}

function play(script: [Command, number][]): Run {
  const h = new Harness();
  const newId = counter("o");
  const signedAtIndex = new Map<string, number>();
  let now = T0;
  for (const [cmd, dt] of script) {
    now += dt;
    exec(h, cmd, now, newId);
    h.log.forEach((e, i) => {
      if (e.type === "obligation.fulfilled" && e.data.kind === "order.sign" && !signedAtIndex.has(e.data.id)) {
        signedAtIndex.set(e.data.id, i);
      }
    });
  }
  const end = now + 5 * 24 * 60 * MIN;
  tickAt(h, end);
  return { h, end, signedAtIndex };
}

function exec(h: Harness, cmd: Command, now: number, newId: () => string): void {
  const ids = h.state.orders.ids;
  switch (cmd.kind) {
    case "issue": {
      const feedbackDeadline = cmd.feedbackMin === null ? null : now + (cmd.signMin + cmd.feedbackMin) * MIN;
      const body = compose({ targets: cmd.targets, signDeadline: now + cmd.signMin * MIN, feedbackDeadline });
      h.run(decideIssue(h.state, tree, body, { ...commander(now), newId }));
      return;
    }
    case "remind": {
      const id = ids[cmd.order % Math.max(1, ids.length)] ?? "none";
      h.run(decideRemind(h.state, id, {}, commander(now)));
      return;
    }
    case "tick":
      tickAt(h, now);
      return;
    default: {
      const order = h.state.orders.byId[ids[cmd.order % Math.max(1, ids.length)] ?? "none"];
      const t = order?.targets[cmd.unit % Math.max(1, order.targets.length)];
      if (order === undefined || t === undefined) return;
      const scope = cmd.ownPrison ? t.prisonId : PRISONS.find((p) => p !== t.prisonId)!;
      const ctx = { now, actor: `user:op-${scope}` as const, prisonScope: scope };
      const d: Decision<unknown> =
        cmd.kind === "deliver"
          ? decideDelivered(h.state, order.id, t.unitId, ctx)
          : cmd.kind === "sign"
            ? decideSign(h.state, order.id, t.unitId, {}, ctx)
            : decideFeedback(h.state, order.id, t.unitId, { text: "已落实" }, ctx);
      if (!cmd.ownPrison) expect(d).toMatchObject({ ok: false, error: { code: "forbidden" } });
      h.run(d);
    }
  }
}

const idOf = (e: DomainEvent) => (e.data as { id?: string }).id;
const orderObligations = (s: ControlState): Obligation[] =>
  Object.values(s.obligations.byId).filter((o) => o.kind === "order.sign" || o.kind === "order.feedback");

describe("property: order obligations under any interleaving", () => {
  it("a signed duty never lights up after signing; an unsigned one past its deadline is red, escalated once per level", () => {
    const seen = { fulfilled: 0, open: 0 };
    fc.assert(
      fc.property(arbScript, (script) => {
        const { h, end, signedAtIndex } = play(script);
        for (const ob of orderObligations(h.state)) {
          const facts = h.log.filter((e) => idOf(e) === ob.id && e.type !== "obligation.opened");
          const levels = facts.flatMap((e) => (e.type === "obligation.escalated" ? [e.data.level] : []));
          expect(new Set(levels).size).toBe(levels.length);
          seen[ob.status === "fulfilled" ? "fulfilled" : "open"]++;
          if (ob.status === "fulfilled") {
            const signedAt = ob.fulfilledAt!;
            const byTime = signedAt >= ob.redAt ? "red" : signedAt >= ob.yellowAt ? "yellow" : "green";
            expect(lightAt(ob, end)).toBe(byTime);
            const after = ob.kind === "order.sign" ? (signedAtIndex.get(ob.id) ?? -1) : -1;
            if (after >= 0) {
              expect(h.log.slice(after + 1).some((e) => idOf(e) === ob.id && e.type.startsWith("deadline"))).toBe(
                false,
              );
            }
          } else {
            // The last tick is 5 days after the last command: every deadline (≤ 2.6 days) and ladder step (+1 day) is past.
            expect(ob.light).toBe("red");
            expect(ob.escalatedTo).toEqual(["commander", "chief"]);
            expect(levels).toEqual([0, 1]);
          }
        }
        // Every sign-for duty belongs to an order target, and only targets without a signature are open.
        for (const o of Object.values(h.state.orders.byId)) {
          for (const t of o.targets) {
            const ob = h.state.obligations.byId[`sign.${o.id}.${t.unitId}`];
            expect(ob?.status).toBe(t.signedAt === null ? "open" : "fulfilled");
          }
        }
      }),
      { numRuns: 150 },
    );
    // The generator must reach both branches, or the property says nothing.
    expect(seen.fulfilled).toBeGreaterThan(0);
    expect(seen.open).toBeGreaterThan(0);
  });

  it("an operator never sees another prison's target", () => {
    fc.assert(
      fc.property(arbScript, (script) => {
        const { h, end } = play(script);
        for (const prison of PRISONS) {
          const mine = (u: string | null) =>
            u === null ||
            Object.values(h.state.orders.byId).some((o) =>
              o.targets.some((t) => t.unitId === u && t.prisonId === prison),
            );
          for (const s of selectOrders(h.state.orders, { prisonScope: prison, now: end })) {
            const v = orderView(h.state.orders, h.state.obligations, s.id, end, prison);
            if (!v.ok) throw new Error(v.error.message);
            expect(v.value.rows.every((r) => r.prisonId === prison)).toBe(true);
            expect(v.value.trail.every((e) => mine(e.unitId))).toBe(true);
            expect(v.value.addressedTo.every((u) => u === "province" || mine(u))).toBe(true);
            expect(s.totals.targets).toBe(v.value.rows.length);
          }
          for (const o of undeliveredFor(h.state.orders, prison)) {
            expect(o.targets.every((t) => t.prisonId === prison)).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("replay determinism: folding again, stepwise, from JSON, in halves or twice gives the same state", () => {
    fc.assert(
      fc.property(arbScript, (script) => {
        const { h } = play(script);
        const log = h.log;
        const once = foldControl(log);
        expect(once).toEqual(h.state);
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
        expect(foldControl(log, once)).toEqual(once);
        expect(play(script).h.log).toEqual(log);
      }),
      { numRuns: 100 },
    );
  });
});
