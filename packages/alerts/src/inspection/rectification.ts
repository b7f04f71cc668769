// Findings and their rectification (整改), decided. A finding opens a `rectification` obligation owned
// by the prison (deadline in days; yellow a day before, red after, escalation: rectificationSpec), so
// the prison's inbox, the lights and the escalation queues treat it like every other obligation.
// The prison reports back (its own operator only), which fulfils the round; the chief accepts, or
// returns it, which opens the next round with a new deadline. Errors as data.
import { parseWith, zId } from "@cw/protocol";
import { z } from "zod";
import type { ActContext, Decision } from "../decision";
import { accept, reject } from "../decision";
import { makeEvent } from "../events";
import { open } from "../obligation";
import type { ObligationPolicy } from "../obligationPolicy";
import { defaultObligationPolicy, obligationId, rectificationSpec } from "../obligationPolicy";
import { zSnapshot } from "../schemas/snapshot";
import { DAY_MS } from "../schemas/time";
import { zFindingSeverity } from "./events";
import type { Finding, InspectionState, RectificationState } from "./state";
import { rectificationSubject } from "./state";

export const zFindingInput = z
  .object({
    note: z.string().trim().min(1).max(4000),
    severity: zFindingSeverity,
    /** The tile's frame as base64 JPEG (or a data URL), ≤ 512 KB; or `snapshotRef`, or neither. */
    snapshot: zSnapshot.optional(),
    snapshotRef: z.string().min(1).max(256).optional(),
    cameraId: zId.optional(),
    deadlineDays: z.number().int().min(1).max(365).default(7),
    /** Which of the day's inspections (default: the drawn one; the edge fills it in). */
    inspectionId: zId.optional(),
  })
  .strict();
export type FindingInput = z.input<typeof zFindingInput>;

export const zRectificationReport = z
  .object({ text: z.string().trim().min(1).max(4000), photo: zSnapshot.optional() })
  .strict();
export type RectificationReportInput = z.input<typeof zRectificationReport>;

export const zRectificationReview = z
  .object({
    decision: z.enum(["accept", "return"]),
    note: z.string().trim().max(4000).default(""),
    /** For a return: days for the next round (default: the finding's deadlineDays). */
    deadlineDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();
export type RectificationReviewInput = z.input<typeof zRectificationReview>;

export interface FindingContext extends ActContext {
  newId: () => string;
  policy?: ObligationPolicy;
}

function openRound(
  policy: ObligationPolicy,
  f: Pick<Finding, "id" | "prisonId">,
  round: number,
  deadline: number,
  now: number,
) {
  const spec = rectificationSpec(
    policy,
    { subject: rectificationSubject(f.id, round), owner: f.prisonId, prisonId: f.prisonId, deadline },
    now,
  );
  return open(spec, now);
}

/** Records a finding on an open inspection and opens its rectification (round 0). */
export function decideFinding(
  state: InspectionState,
  inspectionId: string,
  body: unknown,
  ctx: FindingContext,
): Decision<{ id: string; deadline: number; obligationId: string }> {
  const ins = state.byId[inspectionId];
  if (ins === undefined) return reject("not_found", `No inspection ${inspectionId}.`);
  if (ins.completedAt !== null) return reject("conflict", "The inspection is completed.");
  const parsed = parseWith(zFindingInput, body);
  if (!parsed.ok) return parsed;
  const b = parsed.value;
  if (b.snapshot !== undefined && b.snapshotRef !== undefined) {
    return reject("validation", "snapshotRef: give a snapshot or a snapshotRef, not both", "snapshotRef");
  }
  const id = ctx.newId();
  if (state.findings[id] !== undefined) return reject("conflict", `Finding ${id} exists.`);
  const deadline = ctx.now + b.deadlineDays * DAY_MS;
  const ob = openRound(ctx.policy ?? defaultObligationPolicy, { id, prisonId: ins.prisonId }, 0, deadline, ctx.now);
  const data = {
    id,
    inspectionId,
    date: ins.date,
    prisonId: ins.prisonId,
    blockId: ins.blockId,
    cameraId: b.cameraId ?? null,
    note: b.note,
    severity: b.severity,
    snapshot: b.snapshot ?? null,
    snapshotRef: b.snapshotRef ?? null,
    deadlineDays: b.deadlineDays,
    deadline,
  };
  return accept(
    [
      makeEvent("finding.recorded", ctx.now, ctx.actor, data),
      makeEvent("obligation.opened", ctx.now, ctx.actor, { obligation: ob }),
    ],
    { id, deadline, obligationId: ob.id },
  );
}

function roundRef(f: Finding) {
  const subject = rectificationSubject(f.id, f.rectification.round);
  return {
    id: obligationId("rectification", subject),
    kind: "rectification" as const,
    subject,
    owner: f.prisonId,
    prisonId: f.prisonId,
  };
}

/** The prison reports back (text, optional photo). Only an operator of the finding's prison may. */
export function decideRectificationReport(
  state: InspectionState,
  findingId: string,
  body: unknown,
  ctx: ActContext & { prisonScope: string | null },
): Decision<{ id: string; round: number; state: RectificationState }> {
  const f = state.findings[findingId];
  // Outside the caller's prison a finding does not exist for them (as with alarms).
  if (f === undefined || (ctx.prisonScope !== null && ctx.prisonScope !== f.prisonId)) {
    return reject("not_found", `No finding ${findingId}.`);
  }
  if (ctx.prisonScope === null) return reject("forbidden", "Only the prison's own centre reports on a rectification.");
  const r = f.rectification;
  if (r.state !== "open" && r.state !== "returned") return reject("conflict", `The rectification is ${r.state}.`);
  const parsed = parseWith(zRectificationReport, body);
  if (!parsed.ok) return parsed;
  const data = { findingId, round: r.round, text: parsed.value.text, photo: parsed.value.photo ?? null };
  return accept(
    [
      makeEvent("rectification.submitted", ctx.now, ctx.actor, data),
      makeEvent("obligation.fulfilled", ctx.now, ctx.actor, roundRef(f)),
    ],
    { id: findingId, round: r.round, state: "submitted" },
  );
}

/** The chief accepts the report, or returns it with a note (which opens the next round). Bureau only. */
export function decideRectificationReview(
  state: InspectionState,
  findingId: string,
  body: unknown,
  ctx: ActContext & { prisonScope: string | null; policy?: ObligationPolicy },
): Decision<{ id: string; round: number; state: RectificationState; deadline: number | null }> {
  const f = state.findings[findingId];
  if (f === undefined || (ctx.prisonScope !== null && ctx.prisonScope !== f.prisonId)) {
    return reject("not_found", `No finding ${findingId}.`);
  }
  if (ctx.prisonScope !== null) return reject("forbidden", "Only the bureau reviews a rectification.");
  const r = f.rectification;
  if (r.state !== "submitted") return reject("conflict", `The rectification is ${r.state}: nothing to review.`);
  const parsed = parseWith(zRectificationReview, body);
  if (!parsed.ok) return parsed;
  const { decision, note } = parsed.value;
  if (decision === "accept") {
    const data = { findingId, round: r.round, decision, note, deadline: null };
    return accept([makeEvent("rectification.reviewed", ctx.now, ctx.actor, data)], {
      id: findingId,
      round: r.round,
      state: "accepted",
      deadline: null,
    });
  }
  if (note === "") return reject("validation", "note: say why the rectification is returned", "note");
  const deadline = ctx.now + (parsed.value.deadlineDays ?? r.deadlineDays) * DAY_MS;
  const ob = openRound(ctx.policy ?? defaultObligationPolicy, f, r.round + 1, deadline, ctx.now);
  const data = { findingId, round: r.round, decision, note, deadline };
  return accept(
    [
      makeEvent("rectification.reviewed", ctx.now, ctx.actor, data),
      makeEvent("obligation.opened", ctx.now, ctx.actor, { obligation: ob }),
    ],
    { id: findingId, round: r.round + 1, state: "returned", deadline },
  );
}
