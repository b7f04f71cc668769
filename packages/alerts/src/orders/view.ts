// The command view of one order (GET /api/v1/orders/{id}): the receipt matrix, one row per target with
// its state and the live lights of its sign-for and report-back obligations at `now`, plus totals and
// the trail. Lights come from the obligations (the engine), never from the order record.
import type { Result } from "@cw/protocol";
import { escalatedAt, lightAt } from "../obligation";
import { obligationId } from "../obligationPolicy";
import type { ObligationState } from "../obligationState";
import type { Light, Obligation } from "../schemas/obligation";
import type { UnitKind } from "./events";
import type { FeedbackEntry, Order, OrdersState, OrderTarget, TrailEntry } from "./order";
import { isOverdue, targetSubject } from "./order";
import type { OrderStatus } from "./schemas";
import type { ReceiptTotals } from "./select";
import { orderStatus, receiptTotals, scopeOrder } from "./select";

export const targetStates = ["pending", "delivered", "signed", "fed_back", "overdue"] as const;
export type TargetState = (typeof targetStates)[number];

/** One target's state at `now`: a report back wins, then overdue, then the furthest receipt step. */
export function targetStateAt(order: Order, t: OrderTarget, now: number): TargetState {
  if (t.feedback.length > 0) return "fed_back";
  if (isOverdue(order, t, now)) return "overdue";
  if (t.signedAt !== null) return "signed";
  return t.deliveredAt !== null ? "delivered" : "pending";
}

export interface ReceiptRow {
  unitId: string;
  unitKind: UnitKind;
  prisonId: string;
  path: string[];
  state: TargetState;
  deliveredAt: number | null;
  signedAt: number | null;
  signedBy: string | null;
  feedback: FeedbackEntry[];
  remindedAt: number[];
  /** Null when the obligation is not (yet) in the state, or (feedback) when no report back is asked. */
  signLight: Light | null;
  feedbackLight: Light | null;
  /** Roles the target's overdue duties have reached (commander, chief), sign-for and report-back merged. */
  escalatedTo: string[];
}

/** What an order says about itself, shared by the stored order and its receipt view. */
export type OrderHeader = Pick<
  Order,
  | "id"
  | "title"
  | "body"
  | "priority"
  | "category"
  | "issuedAt"
  | "issuedBy"
  | "addressedTo"
  | "signDeadline"
  | "feedbackDeadline"
  | "hasAttachment"
  | "templateId"
>;

export interface OrderView extends OrderHeader {
  status: OrderStatus;
  rows: ReceiptRow[];
  totals: ReceiptTotals;
  trail: TrailEntry[];
}

function duty(obs: ObligationState, kind: "order.sign" | "order.feedback", o: Order, t: OrderTarget) {
  return obs.byId[obligationId(kind, targetSubject(o.id, t.unitId))];
}

export function receiptRow(order: Order, t: OrderTarget, obligations: ObligationState, now: number): ReceiptRow {
  const sign = duty(obligations, "order.sign", order, t);
  const fb = duty(obligations, "order.feedback", order, t);
  const light = (ob: Obligation | undefined) => (ob === undefined ? null : lightAt(ob, now));
  const roles = [sign, fb].flatMap((ob) => (ob === undefined ? [] : escalatedAt(ob, now)));
  return {
    unitId: t.unitId,
    unitKind: t.unitKind,
    prisonId: t.prisonId,
    path: t.path,
    state: targetStateAt(order, t, now),
    deliveredAt: t.deliveredAt,
    signedAt: t.signedAt,
    signedBy: t.signedBy,
    feedback: t.feedback,
    remindedAt: t.remindedAt,
    signLight: light(sign),
    feedbackLight: light(fb),
    escalatedTo: [...new Set(roles)],
  };
}

/**
 * The order as `prisonScope` may see it at `now`. Unknown → not_found; an operator whose prison has no
 * target in it → forbidden (the same answer as signing another prison's order).
 */
export function orderView(
  state: OrdersState,
  obligations: ObligationState,
  id: string,
  now: number,
  prisonScope?: string | null,
): Result<OrderView> {
  const order = state.byId[id];
  if (order === undefined) return { ok: false, error: { code: "not_found", message: `No order ${id}.` } };
  const o = scopeOrder(order, prisonScope);
  if (o === null) return { ok: false, error: { code: "forbidden", message: "This order is not for your prison." } };
  return {
    ok: true,
    value: {
      id: o.id,
      title: o.title,
      body: o.body,
      priority: o.priority,
      category: o.category,
      issuedAt: o.issuedAt,
      issuedBy: o.issuedBy,
      addressedTo: o.addressedTo,
      signDeadline: o.signDeadline,
      feedbackDeadline: o.feedbackDeadline,
      hasAttachment: o.hasAttachment,
      templateId: o.templateId,
      status: orderStatus(o, now),
      rows: o.targets.map((t) => receiptRow(o, t, obligations, now)),
      totals: receiptTotals(o, now),
      trail: o.trail,
    },
  };
}
