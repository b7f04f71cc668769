// 催办: the commander's one-click reminder to the laggards of an order — the targets not yet signed, or,
// when a report back is asked, not yet reported back. A reminder records who was chased and when; the
// lights and escalation run on their own by time (the obligation engine), a reminder does not reset them.
// Bureau roles only: an operator (prison scope set) may not chase other units.
import { parseWith } from "@cw/protocol";
import type { Decision } from "../decision";
import { accept, reject } from "../decision";
import { makeEvent } from "../events";
import type { OrderActContext, OrdersDomain } from "./access";
import type { Order, OrderTarget } from "./order";
import { findTarget, isComplete } from "./order";
import { zOrderRemind } from "./schemas";

export interface Reminded {
  orderId: string;
  /** The units reminded (empty: nobody was behind, nothing appended). */
  reminded: string[];
}

/** Targets whose receipt is not complete (not signed, or not reported back when that is asked). */
export function laggards(order: Order): OrderTarget[] {
  return order.targets.filter((t) => !isComplete(order, t));
}

export function decideRemind(
  state: Pick<OrdersDomain, "orders">,
  orderId: string,
  body: unknown,
  ctx: OrderActContext,
): Decision<Reminded> {
  if (ctx.prisonScope != null) return reject("forbidden", "Only the command centre can chase an order.");
  const order = state.orders.byId[orderId];
  if (order === undefined) return reject("not_found", `No order ${orderId}.`);
  const parsed = parseWith(zOrderRemind, body ?? {});
  if (!parsed.ok) return parsed;
  const { targets, note } = parsed.value;
  if (targets !== undefined) {
    const i = targets.findIndex((u) => findTarget(order, u) === undefined);
    const field = `targets.${i}`;
    if (i >= 0) return reject("validation", `${field}: order ${orderId} is not addressed to ${targets[i]}`, field);
  }
  const chosen = targets === undefined ? null : new Set(targets);
  const unitIds = laggards(order)
    .filter((t) => chosen === null || chosen.has(t.unitId))
    .map((t) => t.unitId);
  if (unitIds.length === 0) return accept([], { orderId, reminded: [] });
  const event = makeEvent("order.reminded", ctx.now, ctx.actor, { id: orderId, n: order.reminders, unitIds, note });
  return accept([event], { orderId, reminded: unitIds });
}
