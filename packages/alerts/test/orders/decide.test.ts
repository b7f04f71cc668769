// The order deciders with an injected clock: issue, deliver, sign, feed back, remind; their errors as
// data; and the obligations they open and fulfil, lit by the engine's tick.
import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../../src/index";
import {
  decideDelivered,
  decideFeedback,
  decideIssue,
  decideRemind,
  decideSign,
  defaultPolicy,
  lightAt,
} from "../../src/index";
import { counter, Harness, JPEG, ok, T0 } from "../fixtures";
import { commander, compose, DAY, HOUR, operator, tickAt, tree } from "./fixtures";

const types = (events: DomainEvent[]) => events.map((e) => e.type);

function issued(over: Parameters<typeof compose>[0] = {}) {
  const h = new Harness();
  const r = ok(h.run(decideIssue(h.state, tree, compose(over), { ...commander(T0), newId: counter("o") })));
  return { h, id: r.result.id };
}

describe("decideIssue", () => {
  it("appends the order and one sign-for and report-back obligation per receiving unit", () => {
    const h = new Harness();
    const r = ok(decideIssue(h.state, tree, compose(), { ...commander(T0), newId: counter("o") }));
    expect(r.result).toEqual({ id: "o1", receivers: expect.any(Array) });
    expect(r.result.receivers.map((u) => u.unitId)).toEqual(["p1-b1", "p2"]);
    expect(types(r.events)).toEqual([
      "order.issued",
      "obligation.opened",
      "obligation.opened",
      "obligation.opened",
      "obligation.opened",
    ]);
    const obs = r.events.flatMap((e) => (e.type === "obligation.opened" ? [e.data.obligation] : []));
    expect(obs.map((o) => [o.id, o.owner, o.prisonId, o.redAt])).toEqual([
      ["sign.o1.p1-b1", "p1-b1", "p1", T0 + 2 * HOUR],
      ["feedback.o1.p1-b1", "p1-b1", "p1", T0 + 2 * DAY],
      ["sign.o1.p2", "p2", "p2", T0 + 2 * HOUR],
      ["feedback.o1.p2", "p2", "p2", T0 + 2 * DAY],
    ]);
    // A 2-hour window warns at 75 %.
    expect(obs[0]?.yellowAt).toBe(T0 + 90 * 60_000);
    expect(r.events.every((e) => e.at === T0)).toBe(true);
  });

  it("without a feedback deadline only sign-for is owed", () => {
    const r = ok(
      decideIssue(new Harness().state, tree, compose({ feedbackDeadline: null }), {
        ...commander(T0),
        newId: counter("o"),
      }),
    );
    expect(types(r.events)).toEqual(["order.issued", "obligation.opened", "obligation.opened"]);
  });

  it.each([
    ["no targets", { targets: [] }, "validation", "targets"],
    ["an unknown unit", { targets: ["p1", "p7"] }, "validation", "targets.1"],
    ["a sign deadline in the past", { signDeadline: T0 - 1 }, "validation", "signDeadline"],
    ["a sign deadline right now", { signDeadline: T0 }, "validation", "signDeadline"],
    ["feedback due before signing", { feedbackDeadline: T0 + HOUR }, "validation", "feedbackDeadline"],
    ["an oversized attachment", { attachment: `/9j/${"A".repeat(700_000)}` }, "validation", "attachment"],
  ])("rejects %s", (_, over, code, field) => {
    const d = decideIssue(new Harness().state, tree, compose(over), { ...commander(T0), newId: counter("o") });
    expect(d).toEqual({ ok: false, error: { code, field, message: expect.any(String) } });
  });

  it("refuses to reuse an id", () => {
    const { h } = issued();
    const d = decideIssue(h.state, tree, compose(), { ...commander(T0), newId: () => "o1" });
    expect(d.ok ? null : d.error.code).toBe("conflict");
  });
});

describe("receipts", () => {
  it("delivery is idempotent and names its actor", () => {
    const { h, id } = issued();
    const first = ok(h.run(decideDelivered(h.state, id, "p2", { now: T0 + 1000, actor: "user:op-p2" as const })));
    expect(first.events).toEqual([
      { type: "order.delivered", at: T0 + 1000, actor: "user:op-p2" as const, data: { id, unitId: "p2" } },
    ]);
    const again = ok(decideDelivered(h.state, id, "p2", { now: T0 + 5000 }));
    expect(again).toEqual({
      ok: true,
      events: [],
      result: { orderId: id, unitId: "p2", deliveredAt: T0 + 1000, already: true },
    });
  });

  it("signing implies delivery, fulfils the sign obligation, and twice is an idempotent success", () => {
    const { h, id } = issued();
    const r = ok(h.run(decideSign(h.state, id, "p1-b1", { note: "收到" }, operator("p1", T0 + HOUR))));
    expect(types(r.events)).toEqual(["order.delivered", "order.signed", "obligation.fulfilled"]);
    expect(r.result).toEqual({ orderId: id, unitId: "p1-b1", signedAt: T0 + HOUR, already: false });
    const again = ok(decideSign(h.state, id, "p1-b1", {}, operator("p1", T0 + 2 * HOUR)));
    expect(again.events).toEqual([]);
    expect(again.result).toEqual({ orderId: id, unitId: "p1-b1", signedAt: T0 + HOUR, already: true });
    const ob = h.state.obligations.byId[`sign.${id}.p1-b1`]!;
    expect(ob.status).toBe("fulfilled");
    expect(lightAt(ob, T0 + 10 * DAY)).toBe("green");
    const t = h.state.orders.byId[id]!.targets[0]!;
    expect([t.deliveredAt, t.signedAt, t.signedBy, t.signNote]).toEqual([T0 + HOUR, T0 + HOUR, "user:op-p1", "收到"]);
  });

  it("feedback before signing signs too; every feedback is an event; the first fulfils", () => {
    const { h, id } = issued();
    const first = ok(
      h.run(decideFeedback(h.state, id, "p2", { text: "已部署", image: JPEG }, operator("p2", T0 + 60_000))),
    );
    expect(types(first.events)).toEqual([
      "order.delivered",
      "order.signed",
      "obligation.fulfilled",
      "order.feedback",
      "obligation.fulfilled",
    ]);
    const second = ok(h.run(decideFeedback(h.state, id, "p2", { text: "已完成" }, operator("p2", T0 + DAY))));
    expect(types(second.events)).toEqual(["order.feedback"]);
    expect(second.result).toEqual({ orderId: id, unitId: "p2", n: 1, signedAt: T0 + 60_000 });
    const t = h.state.orders.byId[id]!.targets[1]!;
    expect(t.feedback).toEqual([
      { at: T0 + 60_000, by: "user:op-p2", text: "已部署", hasImage: true },
      { at: T0 + DAY, by: "user:op-p2", text: "已完成", hasImage: false },
    ]);
    expect(h.state.orders.feedbackImages[`${id}\u0000p2\u00000`]).toBe(JPEG);
  });

  it.each([
    ["an unknown order", "o9", "p1-b1", null, "not_found"],
    ["a unit the order does not reach", "o1", "p1-b2", null, "not_found"],
    ["another prison's target", "o1", "p2", "p1", "forbidden"],
  ])("sign / feedback / deliver on %s → %s", (_, orderId, unitId, scope, code) => {
    const { h } = issued();
    const ctx = { now: T0 + 1, actor: "user:x" as const, prisonScope: scope };
    for (const d of [
      decideSign(h.state, orderId, unitId, {}, ctx),
      decideFeedback(h.state, orderId, unitId, { text: "x" }, ctx),
      decideDelivered(h.state, orderId, unitId, ctx),
    ]) {
      expect(d.ok ? null : d.error.code).toBe(code);
    }
  });

  it("bad bodies are validation errors", () => {
    const { h, id } = issued();
    const ctx = operator("p1", T0 + 1);
    const sign = decideSign(h.state, id, "p1-b1", { note: 5 }, ctx);
    expect(sign.ok ? null : sign.error.field).toBe("note");
    const fb = decideFeedback(h.state, id, "p1-b1", { text: "ok", image: "AAAA" }, ctx);
    expect(fb.ok ? null : fb.error.field).toBe("image");
  });
});

describe("decideRemind", () => {
  it("chases only the laggards, and nobody once all are done", () => {
    const { h, id } = issued();
    h.run(decideSign(h.state, id, "p1-b1", {}, operator("p1", T0 + 1)));
    const r = ok(h.run(decideRemind(h.state, id, { note: "请尽快" }, commander(T0 + HOUR))));
    // p1-b1 signed but a report back is still owed: both are behind.
    expect(r.result.reminded).toEqual(["p1-b1", "p2"]);
    expect(r.events[0]?.data).toEqual({ id, n: 0, unitIds: ["p1-b1", "p2"], note: "请尽快" });
    const only = ok(decideRemind(h.state, id, { targets: ["p2"] }, commander(T0 + HOUR)));
    expect(only.result.reminded).toEqual(["p2"]);
    h.run(decideFeedback(h.state, id, "p1-b1", { text: "ok" }, operator("p1", T0 + 2)));
    h.run(decideFeedback(h.state, id, "p2", { text: "ok" }, operator("p2", T0 + 3)));
    expect(ok(decideRemind(h.state, id, {}, commander(T0 + 2 * HOUR)))).toEqual({
      ok: true,
      events: [],
      result: { orderId: id, reminded: [] },
    });
    expect(h.state.orders.byId[id]!.targets.map((t) => t.remindedAt)).toEqual([[T0 + HOUR], [T0 + HOUR]]);
  });

  it.each([
    ["an operator", "o1", {}, "p1", "forbidden"],
    ["an unknown order", "o9", {}, null, "not_found"],
    ["a unit the order does not reach", "o1", { targets: ["p2", "p1-b2"] }, null, "validation"],
  ])("rejects %s", (_, orderId, body, scope, code) => {
    const { h } = issued();
    const d = decideRemind(h.state, orderId, body, { ...commander(T0), prisonScope: scope });
    expect(d.ok ? null : d.error.code).toBe(code);
  });
});

describe("lights by time (the engine's tick)", () => {
  it("an unsigned target goes yellow, red, then to the commander and a day later to the chief", () => {
    const { h, id } = issued({ feedbackDeadline: null });
    h.run(decideSign(h.state, id, "p1-b1", {}, operator("p1", T0 + HOUR)));
    const events = tickAt(h, T0 + 3 * DAY);
    expect(events.map((e) => [e.type, (e.data as { id: string }).id, e.at])).toEqual([
      ["deadline.yellow", `sign.${id}.p2`, T0 + 90 * 60_000],
      ["deadline.red", `sign.${id}.p2`, T0 + 2 * HOUR],
      ["obligation.escalated", `sign.${id}.p2`, T0 + 2 * HOUR],
      ["obligation.escalated", `sign.${id}.p2`, T0 + 2 * HOUR + DAY],
    ]);
    expect(tickAt(h, T0 + 4 * DAY)).toEqual([]);
    const ob = h.state.obligations.byId[`sign.${id}.p2`]!;
    expect(ob.escalatedTo).toEqual(defaultPolicy.obligations.order.escalation.map((l) => l.to));
    // The order's trail carries the deadline facts of its targets.
    const trail = h.state.orders.byId[id]!.trail.map((e) => [e.type, e.unitId, e.obligation, e.detail]);
    expect(trail).toEqual([
      ["order.issued", null, null, null],
      ["order.delivered", "p1-b1", null, null],
      ["order.signed", "p1-b1", null, null],
      ["deadline.yellow", "p2", "order.sign", null],
      ["deadline.red", "p2", "order.sign", null],
      ["obligation.escalated", "p2", "order.sign", "commander"],
      ["obligation.escalated", "p2", "order.sign", "chief"],
    ]);
  });

  it("a late signature stays on record as red", () => {
    const { h, id } = issued({ feedbackDeadline: null });
    tickAt(h, T0 + 3 * HOUR);
    h.run(decideSign(h.state, id, "p2", {}, operator("p2", T0 + 4 * HOUR)));
    const ob = h.state.obligations.byId[`sign.${id}.p2`]!;
    expect([ob.status, lightAt(ob, T0 + 10 * DAY), ob.escalatedTo]).toEqual(["fulfilled", "red", ["commander"]]);
    expect(tickAt(h, T0 + 10 * DAY).filter((e) => (e.data as { id: string }).id === ob.id)).toEqual([]);
  });
});
