// The order as the command view and the terminals see it (a projection of its events), and the orders
// state. Lights are not stored here: they live in the obligations and are read at a given `now`
// (view.ts). Images are kept beside the records, not in them, so lists stay small.
import type { Actor, EventType } from "../events";
import type { ObligationKind } from "../schemas/obligation";
import type { UnitKind } from "./events";
import type { OrderCategory, OrderPriority } from "./schemas";

export interface FeedbackEntry {
  at: number;
  by: string;
  text: string;
  hasImage: boolean;
}

/** One receiving unit of one order: its receipt (delivered → signed → fed back) and reminders. */
export interface OrderTarget {
  unitId: string;
  unitKind: UnitKind;
  prisonId: string;
  path: string[];
  deliveredAt: number | null;
  signedAt: number | null;
  signedBy: string | null;
  signNote: string | null;
  feedback: FeedbackEntry[];
  remindedAt: number[];
}

/** One fact of an order's life, without log sequence numbers (the log has those). */
export interface TrailEntry {
  type: EventType;
  at: number;
  actor: Actor;
  /** The target it concerns; null for the order as a whole. */
  unitId: string | null;
  /** For deadline/escalation facts: which obligation. */
  obligation: Extract<ObligationKind, "order.sign" | "order.feedback"> | null;
  /** The escalation role, or the reminder / sign note. */
  detail: string | null;
}

export interface Order {
  id: string;
  title: string;
  body: string;
  priority: OrderPriority;
  category: OrderCategory;
  issuedAt: number;
  issuedBy: string;
  addressedTo: string[];
  signDeadline: number;
  feedbackDeadline: number | null;
  hasAttachment: boolean;
  templateId: string | null;
  /** In the order the units were picked. */
  targets: OrderTarget[];
  /** Reminders sent so far (the next order.reminded must carry n = reminders). */
  reminders: number;
  trail: TrailEntry[];
  /** Keys of the facts already in the trail: replaying a log twice adds nothing. */
  trailKeys: Record<string, true>;
}

export interface OrdersState {
  byId: Record<string, Order>;
  /** Order ids in issue order. */
  ids: string[];
  /** Obligation subject → its order and unit (to put deadline facts on the right trail). */
  subjects: Record<string, { orderId: string; unitId: string }>;
  /** order id → base64 image. */
  attachments: Record<string, string>;
  /** feedbackImageKey(order, unit, n) → base64 image. */
  feedbackImages: Record<string, string>;
}

export function emptyOrdersState(): OrdersState {
  return { byId: {}, ids: [], subjects: {}, attachments: {}, feedbackImages: {} };
}

/** A shallow copy whose maps the caller may write (records inside are replaced, never mutated). */
export function cloneOrdersState(s: OrdersState): OrdersState {
  return {
    byId: { ...s.byId },
    ids: [...s.ids],
    subjects: { ...s.subjects },
    attachments: { ...s.attachments },
    feedbackImages: { ...s.feedbackImages },
  };
}

/** The obligation subject of one target: order and unit ids never contain '.', so it splits back. */
export function targetSubject(orderId: string, unitId: string): string {
  return `${orderId}.${unitId}`;
}

export function feedbackImageKey(orderId: string, unitId: string, n: number): string {
  return `${orderId}\u0000${unitId}\u0000${n}`;
}

export function findTarget(order: Order, unitId: string): OrderTarget | undefined {
  return order.targets.find((t) => t.unitId === unitId);
}

/** A target's receipt is complete: signed and, when a report back is due, reported back. */
export function isComplete(order: Order, t: OrderTarget): boolean {
  return t.signedAt !== null && (order.feedbackDeadline === null || t.feedback.length > 0);
}

/** Past a deadline with its duty undone at `now` (a late sign/feedback ends it being overdue). */
export function isOverdue(order: Order, t: OrderTarget, now: number): boolean {
  if (t.signedAt === null) return now >= order.signDeadline;
  return order.feedbackDeadline !== null && t.feedback.length === 0 && now >= order.feedbackDeadline;
}
