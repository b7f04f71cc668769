// The chief's inspection record, decided: start an ad-hoc inspection, answer the checklist, complete
// with a rating. Checks run in HTTP order: not_found, conflict, then the body. Errors as data.
import { parseWith, zId } from "@cw/protocol";
import { z } from "zod";
import type { ActContext, Decision } from "../decision";
import { accept, reject } from "../decision";
import { makeEvent } from "../events";
import type { BlockRef } from "../rollcalls/slot";
import { localDate } from "../schemas/time";
import type { Checklist, Rating } from "./checklist";
import { zChecklistInput, zCompleteInput } from "./checklist";
import type { Inspection, InspectionState } from "./state";

export interface RecordContext extends ActContext {
  checklist: Checklist;
}

function openInspection(state: InspectionState, id: string): Decision<Inspection> {
  const ins = state.byId[id];
  if (ins === undefined) return reject("not_found", `No inspection ${id}.`);
  if (ins.completedAt !== null) return reject("conflict", "The inspection is completed.");
  return accept([], ins);
}

export const zAdHocInput = z.object({ prisonId: zId, blockId: zId, reason: z.string().max(2000).default("") }).strict();
export type AdHocInput = z.input<typeof zAdHocInput>;

/** An inspection of a block the chief chose, today; marked ad-hoc. The block must be in the catalogue. */
export function decideAdHoc(
  state: InspectionState,
  body: unknown,
  ctx: ActContext & { tzOffsetMin: number; blocks: readonly BlockRef[]; newId: () => string },
): Decision<{ id: string; date: string }> {
  const parsed = parseWith(zAdHocInput, body);
  if (!parsed.ok) return parsed;
  const { prisonId, blockId, reason } = parsed.value;
  if (!ctx.blocks.some((b) => b.prisonId === prisonId && b.blockId === blockId)) {
    return reject("not_found", `No block ${prisonId}/${blockId}.`);
  }
  const id = `adhoc-${ctx.newId()}`;
  if (state.byId[id] !== undefined) return reject("conflict", `${id} exists.`);
  const date = localDate(ctx.now, ctx.tzOffsetMin);
  return accept([makeEvent("inspection.adhoc", ctx.now, ctx.actor, { id, date, prisonId, blockId, reason })], {
    id,
    date,
  });
}

/** Answers some checklist items (a later answer replaces an earlier one). Items must be in the checklist. */
export function decideChecklist(
  state: InspectionState,
  inspectionId: string,
  body: unknown,
  ctx: RecordContext,
): Decision<{ answered: number; of: number }> {
  const found = openInspection(state, inspectionId);
  if (!found.ok) return found;
  const parsed = parseWith(zChecklistInput, body);
  if (!parsed.ok) return parsed;
  const known = new Set(ctx.checklist.map((i) => i.id));
  const items = parsed.value.items;
  for (const [i, it] of items.entries()) {
    if (!known.has(it.itemId))
      return reject("validation", `items.${i}.itemId: not in the checklist`, `items.${i}.itemId`);
  }
  const answered = new Set([...Object.keys(found.result.checklist), ...items.map((i) => i.itemId)]);
  const of = ctx.checklist.length;
  const count = ctx.checklist.filter((i) => answered.has(i.id)).length;
  return accept([makeEvent("inspection.checked", ctx.now, ctx.actor, { inspectionId, items })], {
    answered: count,
    of,
  });
}

/** Completes the inspection: a rating, and every checklist item answered. */
export function decideComplete(
  state: InspectionState,
  inspectionId: string,
  body: unknown,
  ctx: RecordContext,
): Decision<{ id: string; rating: Rating }> {
  const found = openInspection(state, inspectionId);
  if (!found.ok) return found;
  const parsed = parseWith(zCompleteInput, body);
  if (!parsed.ok) return parsed;
  const missing = ctx.checklist.filter((i) => found.result.checklist[i.id] === undefined).map((i) => i.id);
  if (missing.length > 0) return reject("validation", `checklist: not answered: ${missing.join(", ")}`, "checklist");
  const { rating, summary } = parsed.value;
  return accept([makeEvent("inspection.completed", ctx.now, ctx.actor, { inspectionId, rating, summary })], {
    id: inspectionId,
    rating,
  });
}
