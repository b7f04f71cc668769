// The standards a block is checked against (configurable), the answers and the overall rating.
// Config and input schemas only; the names are data (zh + en) like roll-call checkpoints, rendered by
// the wall in the user's language.
import { zId } from "@cw/protocol";
import { z } from "zod";

export const zChecklistItem = z
  .object({ id: zId, name: z.string().min(1).max(64), nameEn: z.string().min(1).max(64) })
  .strict();
export type ChecklistItem = z.infer<typeof zChecklistItem>;

export const zChecklist = z
  .array(zChecklistItem)
  .min(1)
  .max(50)
  .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: "item ids must be unique" });
export type Checklist = z.infer<typeof zChecklist>;

/** The bureau's daily standards (seed 002): formation, cell order, police at post, meals, workshop, equipment. */
export const defaultChecklist: Checklist = [
  { id: "formation", name: "队列", nameEn: "Formation and movement" },
  { id: "cell_order", name: "内务", nameEn: "Cell order" },
  { id: "police_at_post", name: "警力在岗", nameEn: "Police at post" },
  { id: "meal_order", name: "就餐秩序", nameEn: "Meal order" },
  { id: "workshop_safety", name: "生产安全", nameEn: "Workshop safety" },
  { id: "equipment", name: "设施设备", nameEn: "Equipment working" },
];

export const checkResults = ["pass", "issue"] as const;
export const zCheckResult = z.enum(checkResults);
export type CheckResult = z.infer<typeof zCheckResult>;

export const ratings = ["excellent", "good", "fair", "poor"] as const;
export const zRating = z.enum(ratings);
export type Rating = z.infer<typeof zRating>;

export const zCheckAnswer = z
  .object({ itemId: zId, result: zCheckResult, note: z.string().max(2000).default("") })
  .strict();

/** Body of a checklist update: some or all items; a later answer for an item replaces the earlier one. */
export const zChecklistInput = z.object({ items: z.array(zCheckAnswer).min(1).max(50) }).strict();
export type ChecklistInput = z.input<typeof zChecklistInput>;

/** Body of POST /inspections/{date}/complete. */
export const zCompleteInput = z
  .object({ rating: zRating, summary: z.string().max(4000).default(""), inspectionId: zId.optional() })
  .strict();
export type CompleteInput = z.input<typeof zCompleteInput>;
