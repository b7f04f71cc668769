// Read models of the orders state for lists and terminals: scoping to an operator's prison, the order
// list with its totals, and what a reconnecting terminal missed. Pure projections: never change state.
import type { Order, OrdersState } from "./order";
import { feedbackImageKey, isComplete, isOverdue } from "./order";
import type { OrderCategory, OrderPriority, OrderStatus } from "./schemas";
import { PROVINCE } from "./schemas";

/**
 * The order as `prisonScope` may see it: only its targets, their trail and picks (null when none is its).
 * Bureau roles (scope null/absent) see the whole order.
 */
export function scopeOrder(order: Order, prisonScope: string | null | undefined): Order | null {
  if (prisonScope == null) return order;
  const targets = order.targets.filter((t) => t.prisonId === prisonScope);
  if (targets.length === 0) return null;
  const mine = new Set(targets.map((t) => t.unitId));
  const trail = order.trail.filter((e) => e.unitId === null || mine.has(e.unitId));
  // What else the commander picked is another prison's business.
  const addressedTo = order.addressedTo.filter((u) => u === PROVINCE || mine.has(u));
  return { ...order, addressedTo, targets, trail };
}

/** done: every target's receipt complete; overdue: some target past a deadline (needs `now`); else open. */
export function orderStatus(order: Order, now?: number): OrderStatus {
  if (order.targets.every((t) => isComplete(order, t))) return "done";
  if (now !== undefined && order.targets.some((t) => isOverdue(order, t, now))) return "overdue";
  return "open";
}

export interface ReceiptTotals {
  targets: number;
  delivered: number;
  signed: number;
  fedBack: number;
  /** Needs `now`: 0 without it. */
  overdue: number;
}

export function receiptTotals(order: Order, now?: number): ReceiptTotals {
  const count = (f: (t: Order["targets"][number]) => boolean) => order.targets.filter(f).length;
  return {
    targets: order.targets.length,
    delivered: count((t) => t.deliveredAt !== null),
    signed: count((t) => t.signedAt !== null),
    fedBack: count((t) => t.feedback.length > 0),
    overdue: now === undefined ? 0 : count((t) => isOverdue(order, t, now)),
  };
}

export interface OrderSummary {
  id: string;
  title: string;
  priority: OrderPriority;
  category: OrderCategory;
  issuedAt: number;
  issuedBy: string;
  signDeadline: number;
  feedbackDeadline: number | null;
  hasAttachment: boolean;
  status: OrderStatus;
  totals: ReceiptTotals;
}

export function summarize(order: Order, now?: number): OrderSummary {
  return {
    id: order.id,
    title: order.title,
    priority: order.priority,
    category: order.category,
    issuedAt: order.issuedAt,
    issuedBy: order.issuedBy,
    signDeadline: order.signDeadline,
    feedbackDeadline: order.feedbackDeadline,
    hasAttachment: order.hasAttachment,
    status: orderStatus(order, now),
    totals: receiptTotals(order, now),
  };
}

export interface OrderListQuery {
  /** An operator's prison: only orders with a target in it, counted over those targets only. */
  prisonScope?: string | null;
  /** Only orders issued at or after this instant. */
  since?: number;
  limit?: number;
  status?: OrderStatus;
  /** The instant for `overdue` (status and totals); without it nothing is overdue. */
  now?: number;
}

/** Orders newest first (issue time, then id), scoped and filtered. */
export function selectOrders(state: OrdersState, q: OrderListQuery = {}): OrderSummary[] {
  const out: OrderSummary[] = [];
  for (let i = state.ids.length - 1; i >= 0; i--) {
    const order = state.byId[state.ids[i]!];
    const seen = order === undefined ? null : scopeOrder(order, q.prisonScope);
    if (seen === null || (q.since !== undefined && seen.issuedAt < q.since)) continue;
    const s = summarize(seen, q.now);
    if (q.status === undefined || s.status === q.status) out.push(s);
  }
  // The log is in time order, so ids already are; the sort only settles equal instants by id.
  out.sort((a, b) => b.issuedAt - a.issuedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return q.limit === undefined ? out : out.slice(0, q.limit);
}

/**
 * What a reconnecting terminal of `prisonId` missed: every order with a target in that prison not yet
 * delivered to it (issued after `afterAt` when given), oldest first, scoped to that prison.
 */
export function undeliveredFor(state: OrdersState, prisonId: string, afterAt?: number): Order[] {
  const out: Order[] = [];
  for (const id of state.ids) {
    const order = state.byId[id];
    if (order === undefined || (afterAt !== undefined && order.issuedAt <= afterAt)) continue;
    const seen = scopeOrder(order, prisonId);
    if (seen?.targets.some((t) => t.deliveredAt === null)) out.push(seen);
  }
  return out;
}

/** The order's attachment (bare base64), or null. */
export function orderAttachment(state: OrdersState, orderId: string): string | null {
  return state.attachments[orderId] ?? null;
}

/** The image of a unit's `n`-th report back (bare base64), or null. */
export function feedbackImage(state: OrdersState, orderId: string, unitId: string, n: number): string | null {
  return state.feedbackImages[feedbackImageKey(orderId, unitId, n)] ?? null;
}
