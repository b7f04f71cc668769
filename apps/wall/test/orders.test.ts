// The wall's pure orders helpers: the live `order` fold (arrivals count for the chime), the terminal
// card's state, the matrix cell's light, and the routes of the orders pages.
import type { OrderLive, OrderViewWire, ReceiptRowWire } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { worstLight } from "../src/orders/labels";
import { applyOrderLive, emptyLiveOrders } from "../src/orders/liveOrders";
import { summaryOf } from "../src/orders/useOrders";
import { matchRoute } from "../src/router";
import { cardState } from "../src/unit/UnitOrderCard";

const row = (unitId: string, state: ReceiptRowWire["state"]): ReceiptRowWire => ({
  unitId,
  unitKind: "prison",
  prisonId: unitId,
  path: [unitId],
  state,
  deliveredAt: null,
  signedAt: null,
  signedBy: null,
  feedback: [],
  remindedAt: [],
  signLight: "green",
  feedbackLight: null,
  escalatedTo: [],
});

const view = (id: string, rows: ReceiptRowWire[]): OrderViewWire => ({
  id,
  title: "t",
  body: "",
  priority: "routine",
  category: "information",
  issuedAt: 1,
  issuedBy: "user:commander",
  addressedTo: ["pj"],
  signDeadline: 10,
  feedbackDeadline: null,
  hasAttachment: false,
  templateId: null,
  status: "open",
  rows,
  totals: { targets: rows.length, delivered: 0, signed: 0, fedBack: 0, overdue: 0 },
  trail: [],
});

describe("live orders", () => {
  it("counts arrivals worth a chime, not changes; the newest view wins", () => {
    const msg = (reason: OrderLive["reason"], v: OrderViewWire): OrderLive => ({ reason, order: v, serverTime: 100 });
    let s = emptyLiveOrders();
    s = applyOrderLive(s, msg("issued", view("a", [row("pj", "pending")])), 90);
    s = applyOrderLive(s, msg("changed", view("a", [row("pj", "delivered")])), 90);
    s = applyOrderLive(s, msg("missed", view("b", [row("pj", "pending")])), 90);
    expect(s.arrivals).toBe(2);
    expect(s.lastArrival).toEqual({ orderId: "b", reason: "missed" });
    expect(s.byId.a?.rows[0]?.state).toBe("delivered");
    expect(s.clockOffsetMs).toBe(10);
  });

  it("a terminal card shows its most pressing unit", () => {
    const cases: Array<[ReceiptRowWire["state"][], string]> = [
      [["fed_back", "overdue"], "overdue"],
      [["signed", "pending"], "pending"],
      [["delivered", "signed"], "delivered"],
      [["fed_back", "signed"], "signed"],
      [["fed_back"], "fed_back"],
    ];
    for (const [states, want] of cases) {
      expect(
        cardState(
          view(
            "x",
            states.map((st, i) => row(`u${i}`, st)),
          ),
        ),
      ).toBe(want);
    }
  });

  it("the matrix cell shows the worse light; summaries drop the rows", () => {
    expect(worstLight("green", "red")).toBe("red");
    expect(worstLight("yellow", null)).toBe("yellow");
    expect(worstLight(null, null)).toBe("none");
    expect(summaryOf(view("a", [row("pj", "pending")]))).not.toHaveProperty("rows");
  });

  it("routes /orders, /orders/{id} and /unit", () => {
    expect(matchRoute("/orders")).toEqual({ name: "orders", id: null });
    expect(matchRoute("/orders/o-1a2b")).toEqual({ name: "orders", id: "o-1a2b" });
    expect(matchRoute("/orders/a/b")).toEqual({ name: "notFound" });
    expect(matchRoute("/unit/")).toEqual({ name: "unit" });
  });
});
