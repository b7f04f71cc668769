import { describe, expect, it } from "vitest";
import type { Decision, DomainEvent, InspectionState } from "../../src/index";
import {
  DAY_MS,
  decideAdHoc,
  decideChecklist,
  decideCommit,
  decideComplete,
  decideDraw,
  decideFinding,
  decideRectificationReport,
  decideRectificationReview,
  decideRedraw,
  defaultChecklist,
  drawInspectionId,
  due,
  emptyObligationState,
  foldInspections,
  heatMap,
  inspectionsOn,
  openObligations,
  parseEvent,
  reduceObligations,
  verifyDay,
} from "../../src/index";
import { JPEG } from "../fixtures";
import { demoTree, drawTime, secretFor, TZ } from "./sim";

const blocks = demoTree(4, 2);
const D = "2025-03-03";
const NOW = drawTime(D);
const chief = { now: NOW, actor: "user:chief" as const, tzOffsetMin: TZ };
const sec = (d: string) => secretFor("t", d);

class H {
  state: InspectionState = foldInspections([]);
  obligations = emptyObligationState();
  readonly log: DomainEvent[] = [];
  run<R>(d: Decision<R>): Decision<R> {
    if (d.ok) {
      for (const e of d.events) {
        const parsed = parseEvent(JSON.parse(JSON.stringify(e)));
        if (!parsed.ok) throw new Error(`${e.type}: ${parsed.error.message}`);
        this.obligations = reduceObligations(this.obligations, e);
      }
      this.log.push(...d.events);
      this.state = foldInspections(d.events, this.state);
    }
    return d;
  }
}

function code(d: Decision<unknown>): string {
  return d.ok ? "ok" : d.error.code;
}

function drawn(): H {
  const h = new H();
  h.run(decideCommit(h.state, { date: D, secret: sec(D) }, { ...chief, now: NOW - DAY_MS }));
  const d = h.run(
    decideDraw(h.state, { date: D, secret: sec(D), nextSecret: sec("next"), blocks, recentAlarms: {} }, chief),
  );
  expect(code(d)).toBe("ok");
  return h;
}

describe("commit and draw", () => {
  it.each([
    ["commit today", { date: D, secret: sec(D) }, "conflict"],
    ["bad secret", { date: "2025-03-04", secret: "abc" }, "validation"],
    ["bad date", { date: "2025-02-30", secret: sec(D) }, "validation"],
    ["commit tomorrow", { date: "2025-03-04", secret: sec(D) }, "ok"],
  ])("decideCommit: %s → %s", (_n, input, expected) => {
    expect(code(decideCommit(new H().state, input, chief))).toBe(expected);
  });

  it.each([
    ["no commitment", (h: H) => h, { secret: sec(D) }, "conflict"],
    ["wrong secret", null, { secret: sec("x") }, "validation"],
    ["another day", null, { date: "2025-03-04" }, "conflict"],
  ] as const)("decideDraw: %s → %s", (_n, setup, over, expected) => {
    const h = new H();
    if (setup === null) h.run(decideCommit(h.state, { date: D, secret: sec(D) }, { ...chief, now: NOW - DAY_MS }));
    const input = { date: D, secret: sec(D), nextSecret: sec("n"), blocks, recentAlarms: {}, ...over };
    expect(code(decideDraw(h.state, input, chief))).toBe(expected);
  });

  it("a draw reveals today's secret, commits tomorrow's, and cannot be repeated", () => {
    const h = drawn();
    expect(h.log.map((e) => e.type)).toEqual(["inspection.committed", "inspection.drawn", "inspection.committed"]);
    expect(h.state.commitments["2025-03-04"]).toBeDefined();
    expect(
      code(decideDraw(h.state, { date: D, secret: sec(D), nextSecret: null, blocks, recentAlarms: {} }, chief)),
    ).toBe("conflict");
    expect(verifyDay(h.state, D, { blocks, recentAlarms: {} }).ok).toBe(true);
  });

  it("a redraw needs a reason, excludes the previous block and keeps both draws verifiable", () => {
    const h = drawn();
    const ctx = { ...chief, blocks, recentAlarms: {} };
    expect(code(decideRedraw(h.state, D, "  ", ctx))).toBe("validation");
    expect(code(decideRedraw(h.state, "2025-03-02", "x", ctx))).toBe("not_found");
    const first = h.state.byId[drawInspectionId(D)]!;
    const r = h.run(decideRedraw(h.state, D, "block in lockdown drill", ctx));
    expect(code(r)).toBe("ok");
    const now = h.state.byId[drawInspectionId(D)]!;
    expect(now.attempt).toBe(1);
    expect(`${now.prisonId}/${now.blockId}`).not.toBe(`${first.prisonId}/${first.blockId}`);
    expect(now.redraws[0]).toMatchObject({ reason: "block in lockdown drill", previous: { attempt: 0 } });
    const v = verifyDay(h.state, D, { blocks, recentAlarms: {} });
    expect(v.draws).toHaveLength(2);
    expect(v.ok).toBe(true);
    expect(inspectionsOn(h.state, D)[0]).toMatchObject({ kind: "drawn", redraws: 1 });
  });
});

describe("record: checklist, findings, rectification, completion", () => {
  const id = drawInspectionId(D);
  const rec = { ...chief, checklist: defaultChecklist };
  const allPass = { items: defaultChecklist.map((i) => ({ itemId: i.id, result: "pass" })) };
  const ids = () => {
    let n = 0;
    return () => `f${++n}`;
  };

  it.each([
    ["unknown inspection", "draw-2025-01-01", allPass, "not_found"],
    ["unknown item", id, { items: [{ itemId: "nope", result: "pass" }] }, "validation"],
    ["bad result", id, { items: [{ itemId: "formation", result: "meh" }] }, "validation"],
    ["partial answers", id, { items: [{ itemId: "formation", result: "issue", note: "ragged line" }] }, "ok"],
  ])("decideChecklist: %s → %s", (_n, insId, body, expected) => {
    expect(code(decideChecklist(drawn().state, insId, body, rec))).toBe(expected);
  });

  it("completion needs every item answered and a rating; a completed inspection is closed", () => {
    const h = drawn();
    h.run(decideChecklist(h.state, id, { items: [{ itemId: "formation", result: "pass" }] }, rec));
    expect(decideComplete(h.state, id, { rating: "good" }, rec)).toMatchObject({
      ok: false,
      error: { field: "checklist" },
    });
    h.run(decideChecklist(h.state, id, allPass, rec));
    expect(code(decideComplete(h.state, id, {}, rec))).toBe("validation");
    expect(code(h.run(decideComplete(h.state, id, { rating: "good", summary: "tidy" }, rec)))).toBe("ok");
    expect(code(decideComplete(h.state, id, { rating: "good" }, rec))).toBe("conflict");
    expect(code(decideChecklist(h.state, id, allPass, rec))).toBe("conflict");
    expect(code(decideFinding(h.state, id, { note: "x", severity: 1 }, { ...chief, newId: ids() }))).toBe("conflict");
    expect(code(decideRedraw(h.state, D, "late", { ...chief, blocks, recentAlarms: {} }))).toBe("conflict");
  });

  it.each([
    ["no note", { severity: 2 }, "validation"],
    ["severity 4", { note: "x", severity: 4 }, "validation"],
    ["not a JPEG", { note: "x", severity: 2, snapshot: "aGVsbG8=" }, "validation"],
    ["both snapshot and ref", { note: "x", severity: 2, snapshot: JPEG, snapshotRef: "s1" }, "validation"],
    ["with snapshot", { note: "bed not made", severity: 2, snapshot: JPEG, cameraId: "cam1", deadlineDays: 3 }, "ok"],
  ])("decideFinding: %s → %s", (_n, body, expected) => {
    expect(code(decideFinding(drawn().state, id, body, { ...chief, newId: ids() }))).toBe(expected);
  });

  it("a finding opens a rectification obligation: yellow a day before, red after, escalated", () => {
    const h = drawn();
    const d = h.run(
      decideFinding(
        h.state,
        id,
        { note: "bed not made", severity: 2, snapshot: JPEG, deadlineDays: 3 },
        { ...chief, newId: ids() },
      ),
    );
    if (!d.ok) throw new Error("finding");
    const ob = h.obligations.byId[d.result.obligationId]!;
    const ins = h.state.byId[id]!;
    expect(ob).toMatchObject({
      kind: "rectification",
      owner: ins.prisonId,
      prisonId: ins.prisonId,
      redAt: NOW + 3 * DAY_MS,
    });
    expect(ob.yellowAt).toBe(NOW + 2 * DAY_MS);
    const transitions = due(openObligations(h.obligations), NOW + 5 * DAY_MS).map((e) => e.type);
    expect(transitions).toEqual(["deadline.yellow", "deadline.red", "obligation.escalated", "obligation.escalated"]);
    expect(h.state.images.f1).toBe(JPEG);
    expect(h.state.findings.f1?.hasSnapshot).toBe(true);
  });

  it("report (own prison only) → return (note) → report → accept, with lights per round", () => {
    const h = drawn();
    h.run(decideFinding(h.state, id, { note: "bed not made", severity: 2 }, { ...chief, newId: ids() }));
    const prison = h.state.findings.f1!.prisonId;
    const op = { now: NOW + DAY_MS, actor: "user:op" as const, prisonScope: prison };
    const body = { text: "fixed", photo: JPEG };
    expect(code(decideRectificationReport(h.state, "f1", body, { ...op, prisonScope: "other" }))).toBe("not_found");
    expect(code(decideRectificationReport(h.state, "f1", body, { ...op, prisonScope: null }))).toBe("forbidden");
    expect(code(decideRectificationReport(h.state, "f1", { text: "" }, op))).toBe("validation");
    expect(
      code(decideRectificationReview(h.state, "f1", { decision: "accept" }, { ...chief, prisonScope: null })),
    ).toBe("conflict");
    expect(code(h.run(decideRectificationReport(h.state, "f1", body, op)))).toBe("ok");
    expect(h.obligations.byId["rect.f1"]?.status).toBe("fulfilled");
    expect(code(decideRectificationReport(h.state, "f1", body, op))).toBe("conflict");

    const review = { ...chief, now: NOW + 2 * DAY_MS, prisonScope: null };
    expect(
      code(decideRectificationReview(h.state, "f1", { decision: "accept" }, { ...review, prisonScope: prison })),
    ).toBe("forbidden");
    expect(code(decideRectificationReview(h.state, "f1", { decision: "return" }, review))).toBe("validation");
    expect(
      code(
        h.run(
          decideRectificationReview(
            h.state,
            "f1",
            { decision: "return", note: "photo unclear", deadlineDays: 2 },
            review,
          ),
        ),
      ),
    ).toBe("ok");
    expect(h.state.findings.f1?.rectification).toMatchObject({
      state: "returned",
      round: 1,
      deadline: NOW + 4 * DAY_MS,
    });
    expect(h.obligations.byId["rect.f1-r1"]).toMatchObject({ status: "open", redAt: NOW + 4 * DAY_MS });

    expect(
      code(h.run(decideRectificationReport(h.state, "f1", { text: "fixed again" }, { ...op, now: NOW + 3 * DAY_MS }))),
    ).toBe("ok");
    expect(h.obligations.byId["rect.f1-r1"]?.status).toBe("fulfilled");
    expect(
      code(
        h.run(decideRectificationReview(h.state, "f1", { decision: "accept" }, { ...review, now: NOW + 3 * DAY_MS })),
      ),
    ).toBe("ok");
    const r = h.state.findings.f1!.rectification;
    expect(r.state).toBe("accepted");
    expect(r.reports.map((x) => [x.round, x.hasPhoto])).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(inspectionsOn(h.state, D)[0]?.findings).toEqual([
      { id: "f1", severity: 2, state: "accepted", deadline: NOW + 4 * DAY_MS },
    ]);
  });
});

describe("ad-hoc inspections and coverage", () => {
  it.each([
    ["unknown block", { prisonId: "p09", blockId: "b1" }, "not_found"],
    ["bad id", { prisonId: "p 1", blockId: "b1" }, "validation"],
    ["catalogue block", { prisonId: "p02", blockId: "b2", reason: "complaint" }, "ok"],
  ])("decideAdHoc: %s → %s", (_n, body, expected) => {
    expect(code(decideAdHoc(new H().state, body, { ...chief, blocks, newId: () => "x1" }))).toBe(expected);
  });

  it("ad-hoc inspections count for coverage and the heat map, marked as such, and for the next draw's gap", () => {
    const h = drawn();
    h.run(decideAdHoc(h.state, { prisonId: "p02", blockId: "b2" }, { ...chief, blocks, newId: () => "x1" }));
    expect(inspectionsOn(h.state, D).map((i) => i.kind)).toEqual(["drawn", "adhoc"]);
    expect(heatMap(h.state, "2025-03-02", "2025-03-04")).toEqual([
      { date: "2025-03-02", count: 0 },
      { date: D, count: 2 },
      { date: "2025-03-04", count: 0 },
    ]);
    const next = "2025-03-04";
    const d = decideDraw(
      h.state,
      { date: next, secret: sec("next"), nextSecret: null, blocks, recentAlarms: {} },
      { ...chief, now: drawTime(next) },
    );
    if (!d.ok) throw new Error(d.error.message);
    const keys = d.result.eligible.map((e) => `${e.prisonId}/${e.blockId}`);
    expect(keys).not.toContain("p02/b2");
    expect(keys).toHaveLength(6);
  });
});
