// The orders API's bodies and query (指令): compose, sign for (签收), report back (反馈), remind (催办),
// templates for recurring orders. Parsing only: deadlines against the clock and targets against the
// organisation tree are the deciders' job (issue.ts, targets.ts), because they need `now` and the tree.
import { zId } from "@cw/protocol";
import { z } from "zod";
import { MINUTE_MS, zInstant } from "../schemas/time";
import { zOrderImage } from "./image";

export const ORDER_TITLE_MAX = 120;
export const ORDER_BODY_MAX = 5000;
export const ORDER_TARGETS_MAX = 500;
export const ORDER_NOTE_MAX = 2000;
export const FEEDBACK_TEXT_MAX = 5000;
/** The target meaning "every prison of the province". */
export const PROVINCE = "province";

/** 加急 is `urgent`. */
export const orderPriorities = ["routine", "urgent"] as const;
export const zOrderPriority = z.enum(orderPriorities);
export type OrderPriority = z.infer<typeof zOrderPriority>;

/** The five areas of the two-level command (seed 002). */
export const orderCategories = [
  "custody_security",
  "production_safety",
  "public_opinion",
  "petitions",
  "information",
] as const;
export const zOrderCategory = z.enum(orderCategories);
export type OrderCategory = z.infer<typeof zOrderCategory>;

const zTitle = z.string().trim().min(1).max(ORDER_TITLE_MAX);
const zBody = z.string().trim().max(ORDER_BODY_MAX).default("");
const zNote = z.string().trim().max(ORDER_NOTE_MAX).default("");
/** Unit ids picked on the tree: `province`, or prison / block / sub-block ids. */
const zTargets = z.array(zId).min(1, "pick at least one target").max(ORDER_TARGETS_MAX);

/** POST /api/v1/orders body. */
export const zOrderCompose = z
  .object({
    title: zTitle,
    body: zBody,
    priority: zOrderPriority.default("routine"),
    category: zOrderCategory,
    targets: zTargets,
    signDeadline: zInstant,
    feedbackDeadline: zInstant.nullish(),
    attachment: zOrderImage.nullish(),
    templateId: zId.nullish(),
  })
  .strict();
export type OrderComposeInput = z.input<typeof zOrderCompose>;
export type OrderCompose = z.output<typeof zOrderCompose>;

/** POST /api/v1/orders/{id}/targets/{unitId}/sign body (may be empty). */
export const zOrderSign = z.object({ note: zNote }).strict();
export type OrderSign = z.output<typeof zOrderSign>;

/** POST /api/v1/orders/{id}/targets/{unitId}/feedback body. */
export const zOrderFeedback = z
  .object({ text: z.string().trim().min(1).max(FEEDBACK_TEXT_MAX), image: zOrderImage.nullish() })
  .strict();
export type OrderFeedbackInput = z.input<typeof zOrderFeedback>;
export type OrderFeedback = z.output<typeof zOrderFeedback>;

/** POST /api/v1/orders/{id}/remind body: the laggards among `targets` (default: all of them). */
export const zOrderRemind = z.object({ targets: zTargets.optional(), note: zNote }).strict();
export type OrderRemind = z.output<typeof zOrderRemind>;

// Windows up to 90 days: anything longer is not an order but a plan.
const zWithinMin = z
  .number()
  .int()
  .min(1)
  .max(90 * 24 * 60);

/** A template for a recurring order: the compose fields, with windows instead of deadlines. */
export const zOrderTemplate = z
  .object({
    name: z.string().trim().min(1).max(60),
    title: zTitle,
    body: zBody,
    priority: zOrderPriority.default("routine"),
    category: zOrderCategory,
    /** May be empty: the commander picks targets when issuing. */
    targets: z.array(zId).max(ORDER_TARGETS_MAX).default([]),
    attachment: zOrderImage.nullish(),
    signWithinMin: zWithinMin,
    feedbackWithinMin: zWithinMin.nullish(),
  })
  .strict()
  .refine((t) => t.feedbackWithinMin == null || t.feedbackWithinMin >= t.signWithinMin, {
    message: "the report-back window must not end before the sign-for window",
    path: ["feedbackWithinMin"],
  });
export type OrderTemplateInput = z.input<typeof zOrderTemplate>;
export type OrderTemplate = z.output<typeof zOrderTemplate>;

/** A compose body from a template at `now` (deadlines = now + windows); `targets` overrides the template's. */
export function orderFromTemplate(
  template: OrderTemplate,
  now: number,
  opts: { templateId?: string; targets?: readonly string[] } = {},
): OrderComposeInput {
  const body: OrderComposeInput = {
    title: template.title,
    body: template.body,
    priority: template.priority,
    category: template.category,
    targets: [...(opts.targets ?? template.targets)],
    signDeadline: now + template.signWithinMin * MINUTE_MS,
  };
  if (template.feedbackWithinMin != null) body.feedbackDeadline = now + template.feedbackWithinMin * MINUTE_MS;
  if (template.attachment != null) body.attachment = template.attachment;
  if (opts.templateId !== undefined) body.templateId = opts.templateId;
  return body;
}

/** GET /api/v1/orders query (strings on the wire, coerced here). */
export const orderStatuses = ["open", "done", "overdue"] as const;
export const zOrderStatus = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof zOrderStatus>;

export const zOrderQuery = z
  .object({
    status: zOrderStatus.optional(),
    since: z.coerce.number().int().nonnegative().optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type OrderQuery = z.output<typeof zOrderQuery>;
