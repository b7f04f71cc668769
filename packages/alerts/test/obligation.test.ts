import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DomainEvent, Light, Obligation, ObligationSpec } from "../src/index";
import {
  alarmAckSpec,
  applyObligationEvent,
  DAY_MS,
  defaultObligationPolicy,
  due,
  dueObligations,
  emptyObligationState,
  escalatedAt,
  fulfil,
  lightAt,
  lightRank,
  makeEvent,
  nextTransitionAt,
  open,
  openObligations,
  orderSpec,
  rectificationSpec,
  reduceObligations,
  zObligationPolicy,
} from "../src/index";
import { MIN, T0 } from "./fixtures";

const spec: ObligationSpec = {
  id: "ack.a1",
  kind: "alarm.ack",
  subject: "a1",
  owner: "p1",
  prisonId: "p1",
  yellowAt: T0 + MIN,
  redAt: T0 + 3 * MIN,
  escalation: [
    { afterMs: 10 * MIN, to: "chief" },
    { afterMs: 0, to: "commander" },
  ],
};

/** Folds due() transitions into one obligation, as the gateway does. */
function foldDue(ob: Obligation, now: number): { ob: Obligation; events: DomainEvent[] } {
  const events = due([ob], now);
  const state = emptyObligationState();
  state.byId[ob.id] = ob;
  for (const e of events) applyObligationEvent(state, e);
  return { ob: state.byId[ob.id]!, events };
}

describe("open", () => {
  it("normalises thresholds and sorts the ladder", () => {
    const ob = open({ ...spec, yellowAt: T0 + 5 * MIN, redAt: T0 + 2 * MIN }, T0);
    expect([ob.openedAt, ob.yellowAt, ob.redAt]).toEqual([T0, T0 + 2 * MIN, T0 + 2 * MIN]);
    expect(ob.escalation.map((l) => l.to)).toEqual(["commander", "chief"]);
    expect(ob).toMatchObject({ light: "green", escalatedTo: [], status: "open", fulfilledAt: null });
  });
});

describe("lightAt", () => {
  const ob = open(spec, T0);
  it.each<[number, Light]>([
    [0, "green"],
    [MIN - 1, "green"],
    [MIN, "yellow"],
    [3 * MIN - 1, "yellow"],
    [3 * MIN, "red"],
    [DAY_MS, "red"],
  ])("at +%i ms is %s", (dt, light) => expect(lightAt(ob, T0 + dt)).toBe(light));

  it("freezes at fulfilment", () => {
    const done = fulfil(ob, T0 + 2 * MIN);
    expect(done.light).toBe("yellow");
    expect(lightAt(done, T0 + DAY_MS)).toBe("yellow");
    expect(fulfil(done, T0 + DAY_MS)).toBe(done);
  });
});

describe("due", () => {
  const ob = open(spec, T0);
  it.each<[string, number, string[]]>([
    ["nothing before yellow", 30_000, []],
    ["yellow", MIN, ["deadline.yellow@1"]],
    [
      "yellow, red and commander on a late tick",
      4 * MIN,
      ["deadline.yellow@1", "deadline.red@3", "obligation.escalated@3"],
    ],
    [
      "all, in order, with threshold times",
      20 * MIN,
      ["deadline.yellow@1", "deadline.red@3", "obligation.escalated@3", "obligation.escalated@13"],
    ],
  ])("%s", (_n, dt, expected) => {
    expect(due([ob], T0 + dt).map((e) => `${e.type}@${(e.at - T0) / MIN}`)).toEqual(expected);
  });

  it("emits nothing for a fulfilled obligation and nothing twice once folded", () => {
    expect(due([fulfil(ob, T0)], T0 + DAY_MS)).toEqual([]);
    const once = foldDue(ob, T0 + 4 * MIN);
    expect(once.ob).toMatchObject({ light: "red", escalatedTo: ["commander"] });
    expect(due([once.ob], T0 + 4 * MIN)).toEqual([]);
    expect(due([once.ob], T0 + 13 * MIN).map((e) => e.type)).toEqual(["obligation.escalated"]);
    expect(nextTransitionAt(once.ob)).toBe(T0 + 13 * MIN);
  });

  it("orders transitions across obligations by time then id", () => {
    const b = open({ ...spec, id: "ack.a0", subject: "a0" }, T0);
    expect(due([ob, b], T0 + MIN).map((e) => (e.data as { id: string }).id)).toEqual(["ack.a0", "ack.a1"]);
  });
});

describe("obligation reducer", () => {
  it("opens once, ignores stray and repeated transitions", () => {
    const ob = open(spec, T0);
    let s = reduceObligations(emptyObligationState(), makeEvent("obligation.opened", T0, "system", { obligation: ob }));
    s = reduceObligations(s, makeEvent("obligation.opened", T0 + 1, "system", { obligation: { ...ob, owner: "x" } }));
    expect(s.byId[ob.id]?.owner).toBe("p1");
    const ref = { id: ob.id, kind: ob.kind, subject: ob.subject, owner: ob.owner, prisonId: ob.prisonId };
    const esc = makeEvent("obligation.escalated", T0, "system", { ...ref, level: 1, to: "chief" });
    expect(reduceObligations(s, esc).byId[ob.id]?.escalatedTo).toEqual([]);
    const red = makeEvent("deadline.red", T0, "system", ref);
    const yellow = makeEvent("deadline.yellow", T0, "system", ref);
    expect(reduceObligations(reduceObligations(s, red), yellow).byId[ob.id]?.light).toBe("red");
  });
});

describe("policy helpers", () => {
  const p = defaultObligationPolicy;
  it.each<[1 | 2 | 3 | 4, number, number]>([
    [1, 1, 3],
    [2, 3, 10],
    [3, 10, 30],
    [4, 30, 120],
  ])("alarm severity %i: yellow %i min, red %i min, commander at red", (severity, y, r) => {
    const s = alarmAckSpec(p, { id: "a", prisonId: "p", severity }, T0);
    expect([s.yellowAt - T0, s.redAt - T0]).toEqual([y * MIN, r * MIN]);
    expect(s.escalation).toEqual([{ afterMs: 0, to: "commander" }]);
  });
  it.each<[string, number, number]>([
    ["2-hour order: 75 %", 2 * 60 * MIN, 90 * MIN],
    ["1-day order: 75 %", DAY_MS, 0.75 * DAY_MS],
    ["4-day order: both rules agree", 4 * DAY_MS, 3 * DAY_MS],
    ["10-day order: a day before", 10 * DAY_MS, 9 * DAY_MS],
  ])("%s", (_n, window, yellowAfter) => {
    const s = orderSpec(p, "order.sign", { subject: "o1-b1", owner: "b1", prisonId: "p1", deadline: T0 + window }, T0);
    expect(s.yellowAt - T0).toBe(yellowAfter);
    expect(s.redAt).toBe(T0 + window);
  });
  it("rectification: yellow a day before, red at the deadline", () => {
    const s = rectificationSpec(p, { subject: "f1", owner: "p1", prisonId: "p1", deadline: T0 + 7 * DAY_MS }, T0);
    expect([s.yellowAt, s.redAt]).toEqual([T0 + 6 * DAY_MS, T0 + 7 * DAY_MS]);
  });
  it("the config schema fills defaults and rejects red before yellow", () => {
    expect(zObligationPolicy.parse({})).toEqual(defaultObligationPolicy);
    const bad = { alarmAck: { ...p.alarmAck, 1: { yellowMs: 5, redMs: 1, escalation: [] } } };
    expect(zObligationPolicy.safeParse(bad).success).toBe(false);
  });
});

const arbSpec = fc
  .record({
    yellow: fc.integer({ min: -10 * MIN, max: 60 * MIN }),
    red: fc.integer({ min: -10 * MIN, max: 120 * MIN }),
    ladder: fc.array(
      fc.record({ afterMs: fc.integer({ min: 0, max: 60 * MIN }), to: fc.constantFrom("commander", "chief") }),
      { maxLength: 3 },
    ),
  })
  .map(
    ({ yellow, red, ladder }): ObligationSpec => ({
      ...spec,
      yellowAt: T0 + yellow,
      redAt: T0 + red,
      escalation: ladder,
    }),
  );
const arbTimes = fc
  .array(fc.integer({ min: 0, max: 200 * MIN }), { minLength: 1, maxLength: 20 })
  .map((ts) => ts.sort((a, b) => a - b));

describe("properties of the obligation clock", () => {
  it("the light is monotonic in time, folded or computed, and fulfilment freezes it", () => {
    fc.assert(
      fc.property(arbSpec, arbTimes, fc.option(fc.integer({ min: 0, max: 200 * MIN })), (s, times, fulfilAfter) => {
        let ob = open(s, T0);
        let prev = 0;
        for (const dt of times) {
          if (fulfilAfter !== null && dt >= fulfilAfter) ob = fulfil(ob, T0 + fulfilAfter);
          ob = foldDue(ob, T0 + dt).ob;
          const rank = lightRank[lightAt(ob, T0 + dt)];
          expect(rank).toBeGreaterThanOrEqual(prev);
          expect(lightRank[ob.light]).toBeLessThanOrEqual(rank);
          prev = rank;
        }
        if (fulfilAfter !== null && ob.fulfilledAt !== null) {
          expect(lightAt(ob, T0 + 10 * DAY_MS)).toBe(lightAt(ob, ob.fulfilledAt));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("due() never emits the same transition twice over increasing ticks, and emits all of them", () => {
    fc.assert(
      fc.property(arbSpec, arbTimes, (s, times) => {
        let ob = open(s, T0);
        const seen = new Set<string>();
        for (const dt of times) {
          const r = foldDue(ob, T0 + dt);
          for (const e of r.events) {
            const key = e.type === "obligation.escalated" ? `${e.type}/${e.data.level}` : e.type;
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          }
          ob = r.ob;
        }
        // One late tick records the same facts as many small ones.
        const last = T0 + (times[times.length - 1] ?? 0);
        expect(foldDue(open(s, T0), last).ob).toEqual(ob);
        expect(escalatedAt(ob, last)).toEqual(ob.escalatedTo);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the clock's due index (heap by next threshold)", () => {
  it("gives exactly the transitions a scan of every open obligation gives, over opens, fulfilments, folds and any tick order (property)", () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant("open" as const), n: fc.integer({ min: 0, max: 7 }), spec: arbSpec }),
      fc.record({ kind: fc.constant("fulfil" as const), n: fc.integer({ min: 0, max: 7 }) }),
      fc.record({
        kind: fc.constant("tick" as const),
        dt: fc.integer({ min: 0, max: 200 * MIN }),
        fold: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const state = emptyObligationState();
        openObligations(state); // builds the index, so every event below goes through it
        for (const st of steps) {
          if (st.kind === "open") {
            const ob = open({ ...st.spec, id: `ob${st.n}`, subject: `s${st.n}` }, T0);
            applyObligationEvent(state, makeEvent("obligation.opened", T0, "system", { obligation: ob }));
          } else if (st.kind === "fulfil") {
            const ob = state.byId[`ob${st.n}`];
            if (ob)
              applyObligationEvent(
                state,
                makeEvent("obligation.fulfilled", T0 + MIN, "system", {
                  id: ob.id,
                  kind: ob.kind,
                  subject: ob.subject,
                  owner: ob.owner,
                  prisonId: ob.prisonId,
                }),
              );
          } else {
            const now = T0 + st.dt;
            const viaScan = due(openObligations(state), now);
            const viaHeap = due(dueObligations(state, now), now);
            expect(viaHeap).toEqual(viaScan);
            // Not folded (an append that failed): the same transitions come again next time.
            if (!st.fold) expect(due(dueObligations(state, now), now)).toEqual(viaScan);
            else for (const e of viaScan) applyObligationEvent(state, e);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
