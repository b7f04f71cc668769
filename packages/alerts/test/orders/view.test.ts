// Read models: the receipt matrix of one order, the order list, scoping, and what a reconnecting
// terminal missed.
import { describe, expect, it } from "vitest";
import {
  decideDelivered,
  decideFeedback,
  decideIssue,
  decideSign,
  feedbackImage,
  orderAttachment,
  orderView,
  selectOrders,
  undeliveredFor,
} from "../../src/index";
import { counter, Harness, JPEG, ok, T0 } from "../fixtures";
import { commander, compose, DAY, HOUR, operator, tickAt, tree } from "./fixtures";

/** o1: p1-b1 + p2 (2 h to sign, 2 days to report back); o2 an hour later: p1-b1-s1 + p2-b1, sign only. */
function twoOrders() {
  const h = new Harness();
  const newId = counter("o");
  h.run(decideIssue(h.state, tree, compose({ attachment: JPEG }), { ...commander(T0), newId }));
  h.run(
    decideIssue(
      h.state,
      tree,
      compose({ targets: ["p1-b1-s1", "p2-b1"], signDeadline: T0 + 3 * HOUR, feedbackDeadline: null }),
      { ...commander(T0 + HOUR), newId },
    ),
  );
  return h;
}

describe("orderView", () => {
  it("is a receipt matrix with live lights, states and totals", () => {
    const h = twoOrders();
    h.run(decideDelivered(h.state, "o1", "p2", { now: T0 + 60_000 }));
    h.run(decideFeedback(h.state, "o1", "p1-b1", { text: "已落实" }, operator("p1", T0 + 2 * 60_000)));
    const at = (now: number) => {
      const r = orderView(h.state.orders, h.state.obligations, "o1", now);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const early = at(T0 + HOUR);
    expect(early.rows.map((r) => [r.unitId, r.state, r.signLight, r.feedbackLight])).toEqual([
      ["p1-b1", "fed_back", "green", "green"],
      ["p2", "delivered", "green", "green"],
    ]);
    expect(early.status).toBe("open");
    expect(early.totals).toEqual({ targets: 2, delivered: 2, signed: 1, fedBack: 1, overdue: 0 });
    // Lights come from the obligations at `now`, before any tick has recorded them.
    // 40 h: the 2-day report back is past 75 % (yellow); p2 signed nothing and reached the chief at 26 h.
    const late = at(T0 + 40 * HOUR);
    expect(late.rows.map((r) => [r.unitId, r.state, r.signLight, r.feedbackLight, r.escalatedTo])).toEqual([
      ["p1-b1", "fed_back", "green", "green", []],
      ["p2", "overdue", "red", "yellow", ["commander", "chief"]],
    ]);
    expect(late.status).toBe("overdue");
    expect(late.totals.overdue).toBe(1);
    expect(late.hasAttachment).toBe(true);
    expect(orderAttachment(h.state.orders, "o1")).toBe(JPEG);
    expect(feedbackImage(h.state.orders, "o1", "p1-b1", 0)).toBeNull();
  });

  it("scopes an operator to its prison; another prison's order is forbidden, an unknown one not found", () => {
    const h = twoOrders();
    tickAt(h, T0 + DAY);
    const mine = orderView(h.state.orders, h.state.obligations, "o1", T0 + DAY, "p2");
    expect(mine.ok && mine.value.rows.map((r) => r.unitId)).toEqual(["p2"]);
    expect(mine.ok && mine.value.addressedTo).toEqual(["p2"]);
    expect(mine.ok && mine.value.trail.every((e) => e.unitId === null || e.unitId === "p2")).toBe(true);
    const other = orderView(h.state.orders, h.state.obligations, "o1", T0, "p9");
    expect(other.ok ? null : other.error.code).toBe("forbidden");
    const none = orderView(h.state.orders, h.state.obligations, "o7", T0, null);
    expect(none.ok ? null : none.error.code).toBe("not_found");
  });
});

describe("selectOrders", () => {
  it("lists newest first, scoped, filtered by since, status and limit", () => {
    const h = twoOrders();
    const ids = (q: Parameters<typeof selectOrders>[1]) => selectOrders(h.state.orders, q).map((o) => o.id);
    expect(ids({})).toEqual(["o2", "o1"]);
    expect(ids({ limit: 1 })).toEqual(["o2"]);
    expect(ids({ since: T0 + 1 })).toEqual(["o2"]);
    expect(ids({ prisonScope: "p1" })).toEqual(["o2", "o1"]);
    expect(ids({ status: "overdue", now: T0 + 2 * HOUR })).toEqual(["o1"]);
    expect(ids({ status: "overdue", now: T0 + 3 * HOUR })).toEqual(["o2", "o1"]);
    h.run(decideSign(h.state, "o2", "p1-b1-s1", {}, operator("p1", T0 + HOUR)));
    h.run(decideSign(h.state, "o2", "p2-b1", {}, operator("p2", T0 + HOUR)));
    expect(ids({ status: "done" })).toEqual(["o2"]);
    expect(ids({ status: "open" })).toEqual(["o1"]);
    // An operator's totals count its own targets only.
    const [o2] = selectOrders(h.state.orders, { prisonScope: "p2" });
    expect(o2?.totals).toEqual({ targets: 1, delivered: 1, signed: 1, fedBack: 0, overdue: 0 });
  });
});

describe("undeliveredFor", () => {
  it("is what a reconnecting terminal missed, scoped to its prison, oldest first", () => {
    const h = twoOrders();
    const missed = (prison: string, after?: number) =>
      undeliveredFor(h.state.orders, prison, after).map((o) => [o.id, o.targets.map((t) => t.unitId)]);
    expect(missed("p1")).toEqual([
      ["o1", ["p1-b1"]],
      ["o2", ["p1-b1-s1"]],
    ]);
    expect(missed("p1", T0)).toEqual([["o2", ["p1-b1-s1"]]]);
    h.run(decideDelivered(h.state, "o1", "p1-b1", { now: T0 + 2 * HOUR }));
    expect(missed("p1")).toEqual([["o2", ["p1-b1-s1"]]]);
    h.run(decideSign(h.state, "o2", "p2-b1", {}, operator("p2", T0 + 2 * HOUR)));
    expect(missed("p2")).toEqual([["o1", ["p2"]]]);
    expect(missed("p9")).toEqual([]);
  });
});

it("the order and its obligations survive as data: an issued order's receivers match the decision", () => {
  const h = new Harness();
  const r = ok(
    h.run(decideIssue(h.state, tree, compose({ targets: ["province"] }), { ...commander(T0), newId: () => "x" })),
  );
  expect(h.state.orders.byId.x?.targets.map((t) => [t.unitId, t.path])).toEqual(
    r.result.receivers.map((u) => [u.unitId, u.path]),
  );
});
