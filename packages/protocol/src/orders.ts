// Orders (指令) on the wire: the command view of an order with its receipt matrix, the list summaries,
// templates, and the live `order` topic (gateway → wall) plus the terminal's `order.ack` (wall → gateway).
// Shapes only: the domain (@cw/alerts, orders/) computes them; the gateway checks at compile time that
// its values fit these schemas, and the wall validates what arrives with them.
import { z } from "zod";

const zMaybeTime = z.number().nullable();

export const zWireLight = z.enum(["green", "yellow", "red"]);
export const zWireTargetState = z.enum(["pending", "delivered", "signed", "fed_back", "overdue"]);
export type WireTargetState = z.infer<typeof zWireTargetState>;
export const zWireOrderStatus = z.enum(["open", "done", "overdue"]);

export const zOrderFeedbackEntry = z.object({
  at: z.number(),
  by: z.string(),
  text: z.string(),
  hasImage: z.boolean(),
});
export type OrderFeedbackEntry = z.infer<typeof zOrderFeedbackEntry>;

export const zOrderTrailEntry = z.object({
  type: z.string(),
  at: z.number(),
  actor: z.string(),
  unitId: z.string().nullable(),
  obligation: z.enum(["order.sign", "order.feedback"]).nullable(),
  detail: z.string().nullable(),
});
export type OrderTrailEntry = z.infer<typeof zOrderTrailEntry>;

/** One row of the receipt matrix: a receiving unit, its state and the lights of its two duties. */
export const zReceiptRow = z.object({
  unitId: z.string(),
  unitKind: z.enum(["prison", "block", "subBlock"]),
  prisonId: z.string(),
  path: z.array(z.string()),
  state: zWireTargetState,
  deliveredAt: zMaybeTime,
  signedAt: zMaybeTime,
  signedBy: z.string().nullable(),
  feedback: z.array(zOrderFeedbackEntry),
  remindedAt: z.array(z.number()),
  signLight: zWireLight.nullable(),
  feedbackLight: zWireLight.nullable(),
  escalatedTo: z.array(z.string()),
});
export type ReceiptRowWire = z.infer<typeof zReceiptRow>;

export const zReceiptTotals = z.object({
  targets: z.number(),
  delivered: z.number(),
  signed: z.number(),
  fedBack: z.number(),
  overdue: z.number(),
});

const orderHead = {
  id: z.string(),
  title: z.string(),
  priority: z.enum(["routine", "urgent"]),
  category: z.string(),
  issuedAt: z.number(),
  issuedBy: z.string(),
  signDeadline: z.number(),
  feedbackDeadline: zMaybeTime,
  hasAttachment: z.boolean(),
  status: zWireOrderStatus,
  totals: zReceiptTotals,
};

/** GET /api/v1/orders items. */
export const zOrderSummaryWire = z.object(orderHead);
export type OrderSummaryWire = z.infer<typeof zOrderSummaryWire>;

/** GET /api/v1/orders/{id}: the order, its receipt matrix (scoped for operators) and its trail. */
export const zOrderViewWire = z.object({
  ...orderHead,
  body: z.string(),
  addressedTo: z.array(z.string()),
  templateId: z.string().nullable(),
  rows: z.array(zReceiptRow),
  trail: z.array(zOrderTrailEntry),
});
export type OrderViewWire = z.infer<typeof zOrderViewWire>;

/** Why a view is pushed: a new order, one a terminal missed while offline, a change, a reminder (催办). */
export const orderLiveReasons = ["issued", "missed", "changed", "reminded"] as const;
export const zOrderLive = z.object({ reason: z.enum(orderLiveReasons), order: zOrderViewWire, serverTime: z.number() });
export type OrderLive = z.infer<typeof zOrderLive>;

/** Client → server on /api/v1/live: a terminal received `orderId` for `unitId` (guaranteed delivery). */
export const zOrderAck = z.object({ orderId: z.string().min(1).max(256), unitId: z.string().min(1).max(256) }).strict();
export type OrderAck = z.infer<typeof zOrderAck>;

/** A saved template for recurring orders (GET /api/v1/order-templates). `template` is zOrderTemplate's. */
export const zOrderTemplateWire = z.object({
  id: z.string(),
  savedAt: z.number(),
  savedBy: z.string().nullable(),
  template: z.object({
    name: z.string(),
    title: z.string(),
    body: z.string(),
    priority: z.enum(["routine", "urgent"]),
    category: z.string(),
    targets: z.array(z.string()),
    signWithinMin: z.number(),
    feedbackWithinMin: z.number().nullable().optional(),
    hasAttachment: z.boolean(),
  }),
});
export type OrderTemplateWire = z.infer<typeof zOrderTemplateWire>;
