// Incremental = batch: folding event by event with the pure reducer, folding in two halves (the live
// gateway after a restart) and folding all at once give the same figures; the reducer never touches its
// input; and the alarm figures agree with the domain's own projection (foldControl + a plain counting oracle, oracle/).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../../src/index";
import { emptyFigures, foldControl, foldFigures, prisonStatuses, readFigures, reduceFigures } from "../../src/index";
import {
  acked,
  adhoc,
  cleared,
  completed,
  DAY,
  finding,
  fulfilled,
  HOUR,
  issued,
  MIN,
  obligation,
  opened,
  raised,
  red,
  repeated,
  report,
  resolved,
  signed,
  T0,
  TZ,
} from "./build";
import { countAlarms } from "./oracle/counts";
import { meanTimeToAck, meanTimeToResolve } from "./oracle/timing";

const ids = ["a1", "a2", "a3", "a4", "a5"];
const prisons = ["pj", "sy1", "jz"];
const at = fc.integer({ min: 0, max: 3 * DAY }).map((d) => T0 + d);
const id = fc.constantFrom(...ids);
const prison = fc.constantFrom(...prisons);

const eventArb: fc.Arbitrary<DomainEvent> = fc.oneof(
  fc
    .record({
      id,
      at,
      prisonId: prison,
      type: fc.constantFrom("fighting", "video_loss", "fall"),
      sev: fc.constantFrom(1, 2, 3, 4),
    })
    .map((r) => raised(r.id, r.at, { prisonId: r.prisonId, type: r.type, severity: r.sev as 1 })),
  fc.record({ id, at }).map((r) => acked(r.id, r.at)),
  fc.record({ id, at }).map((r) => resolved(r.id, r.at)),
  fc.record({ id, at }).map((r) => cleared(r.id, r.at)),
  fc.record({ id, at, n: fc.integer({ min: 2, max: 5 }) }).map((r) => repeated(r.id, r.at, r.n)),
  fc.record({ id, at }).map((r) => opened(obligation("alarm.ack", r.id, "pj", r.at, r.at + MIN, r.at + 3 * MIN))),
  fc.record({ id, at }).map((r) => red(obligation("alarm.ack", r.id, "pj", r.at, r.at + MIN, r.at + 3 * MIN))),
  fc
    .record({ b: fc.constantFrom("b1", "b2"), p: prison, late: fc.integer({ min: -5, max: 40 }) })
    .map((r) => report(r.p, r.b, "wake", T0 + 7 * HOUR, T0 + 7 * HOUR + r.late * MIN)),
  fc.record({ b: fc.constantFrom("b1", "b2"), p: prison }).chain((r) => {
    const ob = obligation(
      "rollcall.report",
      `2025-03-03.${r.p}.${r.b}.wake`,
      r.p,
      T0 + 7 * HOUR,
      T0 + 7 * HOUR + 10 * MIN,
      T0 + 7 * HOUR + 30 * MIN,
    );
    return fc.constantFrom(opened(ob), red(ob), fulfilled(ob, T0 + 8 * HOUR));
  }),
  at.map((t) =>
    issued(
      "o1",
      t,
      t + HOUR,
      prisons.map((p) => [p, p] as [string, string]),
    ),
  ),
  fc.record({ p: prison, t: at }).map((r) => signed("o1", r.p, r.t)),
  fc.record({ p: prison }).chain((r) => {
    const ob = obligation("order.sign", `o1.${r.p}`, r.p, T0, T0 + 30 * MIN, T0 + HOUR);
    return fc.constantFrom(opened(ob), red(ob), fulfilled(ob, T0 + 2 * HOUR));
  }),
  fc.record({ i: fc.constantFrom("i1", "i2"), p: prison, t: at }).map((r) => adhoc(r.i, r.t, r.p, `${r.p}-b1`)),
  fc.record({ i: fc.constantFrom("i1", "i2"), t: at }).map((r) => completed(r.i, r.t)),
  fc.record({ f: fc.constantFrom("f1", "f2"), p: prison, t: at }).map((r) => finding(r.f, r.t, r.p)),
);

const windows = [
  { from: T0, to: T0 + DAY },
  { from: T0 + DAY, to: T0 + 2 * DAY },
  { from: T0 - DAY, to: T0 + 4 * DAY },
];
const units = [null, "pj", "sy1"];

function allReads(s: ReturnType<typeof foldFigures>) {
  return windows.flatMap((w) => units.map((unit) => readFigures(s, { ...w, unit, blocks: { pj: 4, sy1: 5, jz: 6 } })));
}

describe("incremental = batch", () => {
  it("event-by-event reduce, split folds and one fold agree; the input state is untouched", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), fc.nat(), (events, cut) => {
        const batch = foldFigures(events, { tzOffsetMin: TZ });
        let inc = emptyFigures({ tzOffsetMin: TZ });
        for (const e of events) {
          const before = JSON.stringify(allReads(inc));
          const next = reduceFigures(inc, e);
          expect(JSON.stringify(allReads(inc))).toBe(before);
          inc = next;
        }
        const k = events.length === 0 ? 0 : cut % (events.length + 1);
        const split = foldFigures(events.slice(k), foldFigures(events.slice(0, k), { tzOffsetMin: TZ }));
        const want = allReads(batch);
        expect(allReads(inc)).toEqual(want);
        expect(allReads(split)).toEqual(want);
        expect(prisonStatuses(inc, prisons, T0 + DAY)).toEqual(prisonStatuses(batch, prisons, T0 + DAY));
      }),
      { numRuns: 200 },
    );
  });

  it("alarm figures agree with the domain projection (foldControl + countAlarms + meanTimeTo*)", () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (events) => {
        const alarms = Object.values(foldControl(events).alarms.byId);
        const inDay = alarms.filter((a) => a.raisedAt >= T0 && a.raisedAt < T0 + DAY);
        const f = readFigures(foldFigures(events, { tzOffsetMin: TZ }), { from: T0, to: T0 + DAY });
        expect(f.alarms.total).toBe(inDay.length);
        expect(f.alarms.byType).toEqual(countAlarms(inDay, "type", TZ));
        expect(f.alarms.byPrison).toEqual(countAlarms(inDay, "prisonId", TZ));
        expect(f.alarms.byHour).toEqual(countAlarms(inDay, "hour", TZ));
        expect(f.alarms.bySeverity).toEqual(countAlarms(inDay, "severity", TZ));
        const states = countAlarms(inDay, "state", TZ);
        expect(f.alarms.open).toBe(states.open ?? 0);
        expect(f.alarms.resolved).toBe(states.resolved ?? 0);
        expect(f.alarms.mttaMs).toBe(meanTimeToAck(inDay));
        expect(f.alarms.mttrMs).toBe(meanTimeToResolve(inDay));
        // The map: open alarms by severity per prison, as the projection says.
        const statuses = prisonStatuses(foldFigures(events, { tzOffsetMin: TZ }), prisons, T0);
        for (const st of statuses) {
          const active = alarms.filter(
            (a) => a.prisonId === st.prisonId && (a.state === "open" || a.state === "acknowledged"),
          );
          expect(st.openBySeverity).toEqual(countAlarms(active, "severity", TZ));
        }
      }),
      { numRuns: 200 },
    );
  });
});
