// What crosses between the levels downward and the receipts that answer orders (docs/api/uplink.md): the
// bureau's answer to an edge's pull — its orders for that prison and its handling of that prison's edge
// alarms, in the bureau's log order — and an edge's receipt for one unit. Schemas only; both sides parse
// with them.
import { zDisposition, zOrderIssuedEvent } from "@cw/alerts";
import { z } from "zod";

/** GET /api/v1/feeds/{prisonId}/downlink (and …/orders) ?after=&wait= */
export const zOrdersPull = z
  .object({
    /** The bureau log seq the edge has (0: from the start). */
    after: z.coerce.number().int().min(0).default(0),
    /** Long poll: how long the bureau may hold the request when nothing is new (ms, ≤ 25 s). */
    wait: z.coerce.number().int().min(0).max(25_000).default(0),
  })
  .strict();

const zSeq = z.number().int().min(1);

export const zPulledOrder = z.object({ seq: zSeq, order: zOrderIssuedEvent }).strict();
export type PulledOrder = z.infer<typeof zPulledOrder>;

/** The bureau acknowledged or resolved an alarm an edge forwarded: the edge records it on its own alarm. */
export const zDownHandled = z
  .object({
    seq: zSeq,
    kind: z.literal("alarm.handled"),
    /** The edge's alarm id (the bureau's sourceId without `edge:`). */
    alarmId: z.string().min(1).max(256),
    handled: z.enum(["acknowledged", "resolved"]),
    at: z.number().int().min(0),
    /** The bureau officer's display name. */
    by: z.string().max(128),
    note: z.string().max(2000),
    disposition: zDisposition.nullable(),
  })
  .strict();
export type DownHandled = z.infer<typeof zDownHandled>;

export const zDownItem = z.discriminatedUnion("kind", [
  zPulledOrder.extend({ kind: z.literal("order") }).strict(),
  zDownHandled,
]);
export type DownItem = z.infer<typeof zDownItem>;

/** GET /api/v1/feeds/{prisonId}/downlink: at most 20 items after `after`, and where the next pull starts. */
export const zDownAnswer = z.object({ items: z.array(zDownItem), next: z.number().int().min(0) }).strict();
export type DownAnswer = z.infer<typeof zDownAnswer>;

export const zOrdersAnswer = z
  .object({
    orders: z.array(zPulledOrder),
    /** Where the next pull starts (the last seq looked at): the edge's durable cursor. */
    next: z.number().int().min(0),
  })
  .strict();
export type OrdersAnswer = z.infer<typeof zOrdersAnswer>;

/** What every receipt carries: its sourceId (logs), the unit, when it happened at the edge. */
const receiptBase = {
  sourceId: z.string().min(1).max(128),
  unitId: z.string().min(1).max(256),
  at: z.number().int().min(0),
};

/** POST /api/v1/feeds/{prisonId}/orders/{orderId}/receipts */
export const zUplinkReceipt = z.discriminatedUnion("kind", [
  z.object({ ...receiptBase, kind: z.literal("delivered") }).strict(),
  z.object({ ...receiptBase, kind: z.literal("signed"), note: z.string().max(2000).default("") }).strict(),
  z
    .object({
      ...receiptBase,
      kind: z.literal("feedback"),
      n: z.number().int().min(0),
      text: z.string(),
      image: z.string().nullable().default(null),
    })
    .strict(),
]);
export type UplinkReceipt = z.infer<typeof zUplinkReceipt>;

/** POST /api/v1/feeds/{prisonId}/alarm-handling: an edge's acknowledgement or resolution, up. */
export const zUplinkHandling = z.discriminatedUnion("kind", [
  z
    .object({
      sourceId: z.string().min(1).max(128),
      kind: z.literal("acknowledged"),
      at: z.number().int().min(0),
      by: z.string().max(128),
      note: z.string().max(2000).default(""),
    })
    .strict(),
  z
    .object({
      sourceId: z.string().min(1).max(128),
      kind: z.literal("resolved"),
      at: z.number().int().min(0),
      by: z.string().max(128),
      note: z.string().min(1).max(2000),
      disposition: zDisposition,
    })
    .strict(),
]);
export type UplinkHandling = z.infer<typeof zUplinkHandling>;
