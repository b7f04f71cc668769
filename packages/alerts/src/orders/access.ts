// Who may act on which target, and the lookup every receipt decider starts with. An operator (prison
// scope set) may only see, sign and answer its own prison's targets; bureau roles (scope null) all.
// Order of checks, as the HTTP edge answers: unknown order or unit → not_found, another prison → forbidden.
import { type ApiError, inScope as inPrisonScope } from "@cw/protocol";
import type { ActContext } from "../decision";
import type { ObligationState } from "../obligationState";
import type { AlertsPolicy } from "../policy";
import type { Order, OrdersState, OrderTarget } from "./order";
import { findTarget } from "./order";

/** What the order deciders read: the orders and the obligations (to fulfil the open ones). */
export interface OrdersDomain {
  orders: OrdersState;
  obligations: ObligationState;
}

export interface OrderActContext extends ActContext {
  /** The acting user's prison, or null/absent for bureau roles. */
  prisonScope?: string | null;
  policy?: AlertsPolicy;
}

export function inScope(t: OrderTarget, prisonScope: string | null | undefined): boolean {
  return inPrisonScope(prisonScope ?? null, t.prisonId);
}

export type TargetLookup = { ok: true; order: Order; target: OrderTarget } | { ok: false; error: ApiError };

export function lookupTarget(
  orders: OrdersState,
  orderId: string,
  unitId: string,
  prisonScope: string | null | undefined,
): TargetLookup {
  const order = orders.byId[orderId];
  if (order === undefined) return { ok: false, error: { code: "not_found", message: `No order ${orderId}.` } };
  const target = findTarget(order, unitId);
  if (target === undefined) {
    return { ok: false, error: { code: "not_found", message: `Order ${orderId} is not addressed to ${unitId}.` } };
  }
  if (!inScope(target, prisonScope)) {
    return { ok: false, error: { code: "forbidden", message: `${unitId} is not a unit of your prison.` } };
  }
  return { ok: true, order, target };
}
