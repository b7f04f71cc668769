// The orders reducer: order events, plus the deadline facts (yellow, red, escalation, cancellation) of
// the obligations whose subject is one of an order's targets, which go on the order's trail. The lights
// themselves stay in the obligations state. Events the state machine does not allow (signing twice, an
// unknown unit, a feedback or reminder out of sequence) are ignored, so any log folds deterministically
// and folding it twice changes nothing.
import type { DomainEvent } from "../events";
import type { FeedbackEntry, Order, OrdersState, OrderTarget, TrailEntry } from "./order";
import { feedbackImageKey, targetSubject } from "./order";

type TargetPatch = (t: OrderTarget, o: Order) => OrderTarget | null;

/** Replaces one target through `patch` (null = not allowed: nothing changes) and records the fact. */
function updateTarget(
  draft: OrdersState,
  e: DomainEvent,
  orderId: string,
  unitId: string,
  f: TargetPatch,
  key: string,
) {
  const o = draft.byId[orderId];
  if (o === undefined || o.trailKeys[key] === true) return false;
  const i = o.targets.findIndex((t) => t.unitId === unitId);
  const t = o.targets[i];
  if (t === undefined) return false;
  const next = f(t, o);
  if (next === null) return false;
  const targets = [...o.targets];
  targets[i] = next;
  draft.byId[orderId] = withTrail({ ...o, targets }, key, entry(e, unitId, null, null));
  return true;
}

function entry(e: DomainEvent, unitId: string | null, obligation: TrailEntry["obligation"], detail: string | null) {
  return { type: e.type, at: e.at, actor: e.actor, unitId, obligation, detail };
}

function withTrail(o: Order, key: string, ...entries: TrailEntry[]): Order {
  return { ...o, trail: [...o.trail, ...entries], trailKeys: { ...o.trailKeys, [key]: true } };
}

function issue(draft: OrdersState, e: DomainEvent<"order.issued">): void {
  const d = e.data;
  if (draft.byId[d.id] !== undefined) return;
  const targets = d.receivers.map(
    (r): OrderTarget => ({
      unitId: r.unitId,
      unitKind: r.unitKind,
      prisonId: r.prisonId,
      path: r.path,
      deliveredAt: null,
      signedAt: null,
      signedBy: null,
      signNote: null,
      feedback: [],
      remindedAt: [],
    }),
  );
  const order: Order = {
    id: d.id,
    title: d.title,
    body: d.body,
    priority: d.priority,
    category: d.category,
    issuedAt: e.at,
    issuedBy: e.actor,
    addressedTo: d.addressedTo,
    signDeadline: d.signDeadline,
    feedbackDeadline: d.feedbackDeadline,
    hasAttachment: d.attachment !== null,
    templateId: d.templateId,
    targets,
    reminders: 0,
    trail: [],
    trailKeys: {},
  };
  draft.byId[d.id] = withTrail(order, "issued", entry(e, null, null, null));
  draft.ids.push(d.id);
  for (const t of targets) draft.subjects[targetSubject(d.id, t.unitId)] = { orderId: d.id, unitId: t.unitId };
  if (d.attachment !== null) draft.attachments[d.id] = d.attachment;
}

function remind(draft: OrdersState, e: DomainEvent<"order.reminded">): void {
  const o = draft.byId[e.data.id];
  if (o === undefined || e.data.n !== o.reminders) return;
  const units = new Set(e.data.unitIds);
  const targets = o.targets.map((t) => (units.has(t.unitId) ? { ...t, remindedAt: [...t.remindedAt, e.at] } : t));
  const entries = o.targets.filter((t) => units.has(t.unitId)).map((t) => entry(e, t.unitId, null, e.data.note));
  draft.byId[o.id] = withTrail({ ...o, targets, reminders: o.reminders + 1 }, `reminded|${e.data.n}`, ...entries);
}

type DeadlineFact = DomainEvent<"deadline.yellow" | "deadline.red" | "obligation.escalated" | "obligation.cancelled">;

/** A deadline fact of one of an order's obligations goes on its trail, once. */
function obligationFact(draft: OrdersState, e: DeadlineFact): void {
  const d = e.data;
  if (d.kind !== "order.sign" && d.kind !== "order.feedback") return;
  const where = draft.subjects[d.subject];
  const o = where === undefined ? undefined : draft.byId[where.orderId];
  if (where === undefined || o === undefined) return;
  const level = e.type === "obligation.escalated" ? e.data.level : 0;
  const key = `${e.type}|${d.kind}|${where.unitId}|${level}`;
  if (o.trailKeys[key] === true) return;
  const detail =
    e.type === "obligation.escalated" ? e.data.to : e.type === "obligation.cancelled" ? e.data.reason : null;
  draft.byId[o.id] = withTrail(o, key, entry(e, where.unitId, d.kind, detail));
}

/** Applies one event to a draft the caller owns (see cloneOrdersState). */
export function applyOrderEvent(draft: OrdersState, e: DomainEvent): void {
  switch (e.type) {
    case "order.issued":
      issue(draft, e);
      return;
    case "order.delivered": {
      const { id, unitId } = e.data;
      const deliver: TargetPatch = (t) => (t.deliveredAt === null ? { ...t, deliveredAt: e.at } : null);
      updateTarget(draft, e, id, unitId, deliver, `delivered|${unitId}`);
      return;
    }
    case "order.signed": {
      const { id, unitId, note } = e.data;
      const sign: TargetPatch = (t) =>
        t.signedAt !== null
          ? null
          : { ...t, deliveredAt: t.deliveredAt ?? e.at, signedAt: e.at, signedBy: e.actor, signNote: note };
      updateTarget(draft, e, id, unitId, sign, `signed|${unitId}`);
      return;
    }
    case "order.feedback": {
      const { id, unitId, n, text, image } = e.data;
      const fb: FeedbackEntry = { at: e.at, by: e.actor, text, hasImage: image !== null };
      // Feedback implies signing: a unit that reports back has plainly received the order.
      const answer: TargetPatch = (t) =>
        n !== t.feedback.length
          ? null
          : {
              ...t,
              deliveredAt: t.deliveredAt ?? e.at,
              signedAt: t.signedAt ?? e.at,
              signedBy: t.signedBy ?? e.actor,
              feedback: [...t.feedback, fb],
            };
      const applied = updateTarget(draft, e, id, unitId, answer, `feedback|${unitId}|${n}`);
      if (applied && image !== null) draft.feedbackImages[feedbackImageKey(id, unitId, n)] = image;
      return;
    }
    case "order.reminded":
      remind(draft, e);
      return;
    case "deadline.yellow":
    case "deadline.red":
    case "obligation.escalated":
    case "obligation.cancelled":
      obligationFact(draft, e);
      return;
    default:
      return;
  }
}
