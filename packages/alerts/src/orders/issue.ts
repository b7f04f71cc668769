// Issuing an order (下达指令): validate the compose body against the clock and the tree, then the
// order.issued event and, per receiving unit, the obligations to sign for it and (when a report back is
// asked) to report back, with thresholds from the policy, so the engine's lights run on them.
// Never reads a clock or the tree itself: both are arguments.
import { parseWith } from "@cw/protocol";
import type { Decision } from "../decision";
import { accept, reject } from "../decision";
import type { Actor, DomainEvent } from "../events";
import { makeEvent, SYSTEM_ACTOR } from "../events";
import { open } from "../obligation";
import type { ObligationPolicy } from "../obligationPolicy";
import { orderSpec } from "../obligationPolicy";
import type { AlertsPolicy } from "../policy";
import { defaultPolicy } from "../policy";
import type { Receiver } from "./events";
import type { OrdersState } from "./order";
import { targetSubject } from "./order";
import { zOrderCompose } from "./schemas";
import type { OrgTree } from "./targets";
import { expandTargets } from "./targets";

export interface IssueContext {
  now: number;
  newId: () => string;
  actor: Actor;
  policy?: AlertsPolicy;
}

export interface Issued {
  id: string;
  receivers: Receiver[];
}

export function decideIssue(
  state: { orders: OrdersState },
  tree: OrgTree,
  body: unknown,
  ctx: IssueContext,
): Decision<Issued> {
  const parsed = parseWith(zOrderCompose, body);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const c = parsed.value;
  if (c.signDeadline <= ctx.now) {
    return reject("validation", "signDeadline: the sign-for deadline is already past", "signDeadline");
  }
  const feedbackDeadline = c.feedbackDeadline ?? null;
  if (feedbackDeadline !== null && feedbackDeadline < c.signDeadline) {
    return reject("validation", "feedbackDeadline: must not be before the sign-for deadline", "feedbackDeadline");
  }
  const resolved = expandTargets(tree, c.targets);
  if (!resolved.ok) return { ok: false, error: resolved.error };
  const id = ctx.newId();
  if (state.orders.byId[id] !== undefined) return reject("conflict", `Order ${id} already exists.`);
  const receivers = resolved.value;
  const issued = makeEvent("order.issued", ctx.now, ctx.actor, {
    id,
    title: c.title,
    body: c.body,
    priority: c.priority,
    category: c.category,
    addressedTo: c.targets,
    receivers,
    signDeadline: c.signDeadline,
    feedbackDeadline,
    attachment: c.attachment ?? null,
    templateId: c.templateId ?? null,
  });
  const policy = (ctx.policy ?? defaultPolicy).obligations;
  const duties = receivers.flatMap((r) => openDuties(policy, id, r, c.signDeadline, feedbackDeadline, ctx.now));
  return accept([issued, ...duties], { id, receivers });
}

/** The sign-for obligation of one receiver, and the report-back one when a feedback deadline is set. */
function openDuties(
  policy: ObligationPolicy,
  orderId: string,
  r: Receiver,
  signDeadline: number,
  feedbackDeadline: number | null,
  now: number,
): DomainEvent[] {
  const target = { subject: targetSubject(orderId, r.unitId), owner: r.unitId, prisonId: r.prisonId };
  const sign = open(orderSpec(policy, "order.sign", { ...target, deadline: signDeadline }, now), now);
  // The system opens obligations: the commander issued an order, the duty to answer it is the unit's.
  const out = [makeEvent("obligation.opened", now, SYSTEM_ACTOR, { obligation: sign })];
  if (feedbackDeadline !== null) {
    const fb = open(orderSpec(policy, "order.feedback", { ...target, deadline: feedbackDeadline }, now), now);
    out.push(makeEvent("obligation.opened", now, SYSTEM_ACTOR, { obligation: fb }));
  }
  return out;
}
