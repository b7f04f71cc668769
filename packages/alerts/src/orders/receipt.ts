// A terminal's answers to an order, decided: delivered (its live socket acknowledged it), signed for
// (签收), reported back (反馈). Signing or reporting back fulfils the unit's obligation, which freezes its
// light (a late answer stays on record as yellow/red).
// Decisions: delivering or signing twice is an idempotent success with no new event (terminals retry on
// flaky links; the first receipt is the fact). Signing implies delivery; reporting back implies signing;
// each report back is its own event (a unit may report progress several times), and the first fulfils
// the report-back obligation.
import { parseWith } from "@cw/protocol";
import type { Decision } from "../decision";
import { accept } from "../decision";
import type { Actor, DomainEvent } from "../events";
import { makeEvent, SYSTEM_ACTOR } from "../events";
import { obligationId } from "../obligationPolicy";
import type { ObligationState } from "../obligationState";
import type { OrderActContext, OrdersDomain } from "./access";
import { lookupTarget } from "./access";
import type { Order, OrderTarget } from "./order";
import { targetSubject } from "./order";
import { zOrderFeedback, zOrderSign } from "./schemas";

export interface Delivered {
  orderId: string;
  unitId: string;
  deliveredAt: number;
  /** True when it had already been delivered (nothing appended). */
  already: boolean;
}

export interface Signed {
  orderId: string;
  unitId: string;
  signedAt: number;
  already: boolean;
}

export interface FedBack {
  orderId: string;
  unitId: string;
  /** 0-based index of this report back. */
  n: number;
  signedAt: number;
}

/** obligation.fulfilled for the target's obligation of `kind`, if it is open (none otherwise). */
function fulfilDuty(
  obligations: ObligationState,
  kind: "order.sign" | "order.feedback",
  order: Order,
  t: OrderTarget,
  at: number,
  actor: Actor,
): DomainEvent[] {
  const subject = targetSubject(order.id, t.unitId);
  const ob = obligations.byId[obligationId(kind, subject)];
  if (ob === undefined || ob.status !== "open") return [];
  const ref = { id: ob.id, kind, subject, owner: ob.owner, prisonId: ob.prisonId };
  return [makeEvent("obligation.fulfilled", at, actor, ref)];
}

function deliverIfNeeded(order: Order, t: OrderTarget, at: number, actor: Actor): DomainEvent[] {
  return t.deliveredAt === null ? [makeEvent("order.delivered", at, actor, { id: order.id, unitId: t.unitId })] : [];
}

/** The gateway calls this when a terminal's socket acknowledges receipt. Actor defaults to the system. */
export function decideDelivered(
  state: Pick<OrdersDomain, "orders">,
  orderId: string,
  unitId: string,
  ctx: { now: number; actor?: Actor; prisonScope?: string | null },
): Decision<Delivered> {
  const found = lookupTarget(state.orders, orderId, unitId, ctx.prisonScope);
  if (!found.ok) return found;
  const { order, target } = found;
  if (target.deliveredAt !== null) {
    return accept([], { orderId, unitId, deliveredAt: target.deliveredAt, already: true });
  }
  const events = deliverIfNeeded(order, target, ctx.now, ctx.actor ?? SYSTEM_ACTOR);
  return accept(events, { orderId, unitId, deliveredAt: ctx.now, already: false });
}

export function decideSign(
  state: OrdersDomain,
  orderId: string,
  unitId: string,
  body: unknown,
  ctx: OrderActContext,
): Decision<Signed> {
  const found = lookupTarget(state.orders, orderId, unitId, ctx.prisonScope);
  if (!found.ok) return found;
  const parsed = parseWith(zOrderSign, body ?? {});
  if (!parsed.ok) return parsed;
  const { order, target } = found;
  if (target.signedAt !== null) return accept([], { orderId, unitId, signedAt: target.signedAt, already: true });
  const events = [
    ...deliverIfNeeded(order, target, ctx.now, ctx.actor),
    makeEvent("order.signed", ctx.now, ctx.actor, { id: orderId, unitId, note: parsed.value.note }),
    ...fulfilDuty(state.obligations, "order.sign", order, target, ctx.now, ctx.actor),
  ];
  return accept(events, { orderId, unitId, signedAt: ctx.now, already: false });
}

export function decideFeedback(
  state: OrdersDomain,
  orderId: string,
  unitId: string,
  body: unknown,
  ctx: OrderActContext,
): Decision<FedBack> {
  const found = lookupTarget(state.orders, orderId, unitId, ctx.prisonScope);
  if (!found.ok) return found;
  const parsed = parseWith(zOrderFeedback, body);
  if (!parsed.ok) return parsed;
  const { order, target } = found;
  const { now, actor } = ctx;
  const n = target.feedback.length;
  const signing =
    target.signedAt !== null
      ? []
      : [
          ...deliverIfNeeded(order, target, now, actor),
          makeEvent("order.signed", now, actor, { id: orderId, unitId, note: "" }),
          ...fulfilDuty(state.obligations, "order.sign", order, target, now, actor),
        ];
  const image = parsed.value.image ?? null;
  const events = [
    ...signing,
    makeEvent("order.feedback", now, actor, { id: orderId, unitId, n, text: parsed.value.text, image }),
    ...(n === 0 ? fulfilDuty(state.obligations, "order.feedback", order, target, now, actor) : []),
  ];
  return accept(events, { orderId, unitId, n, signedAt: target.signedAt ?? now });
}
