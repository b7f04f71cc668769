// What crosses between the levels for orders (docs/api/uplink.md "Orders bureau → edge"): the bureau's
// answer to an edge's pull (its order.issued events for that prison, after a seq of its log) and an edge's
// receipt for one unit (delivered, signed, n-th report back). Schemas only; both sides parse with them.
import { zOrderIssuedEvent } from "@cw/alerts";
import { z } from "zod";

/** GET /api/v1/feeds/{prisonId}/orders?after=&wait= */
export const zOrdersPull = z
  .object({
    /** The bureau log seq the edge has (0: from the start). */
    after: z.coerce.number().int().min(0).default(0),
    /** Long poll: how long the bureau may hold the request when nothing is new (ms, ≤ 25 s). */
    wait: z.coerce.number().int().min(0).max(25_000).default(0),
  })
  .strict();

export const zPulledOrder = z.object({ seq: z.number().int().min(1), order: zOrderIssuedEvent }).strict();
export type PulledOrder = z.infer<typeof zPulledOrder>;

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
