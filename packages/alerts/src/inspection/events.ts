// The payload schemas of the inspection events (commit, draw, redraw, ad-hoc, checklist, completion,
// findings and rectification rounds). They are entries of THE event map in ../events.ts; this file
// must not import it (that would be a cycle). No transforms: an event parses back to what was written.
import { zId } from "@cw/protocol";
import { z } from "zod";
import { zCheckResult, zRating } from "./checklist";
import { zDate } from "./dates";
import { zDrawRulesRecord } from "./rules";

export const zHex32 = z.string().regex(/^[0-9a-f]{64}$/, "32 bytes as 64 lowercase hex digits");
const zCount = z.number().int().min(0);

export const zEligibleEntry = z
  .object({
    prisonId: zId,
    blockId: zId,
    lastInspected: zDate.nullable(),
    daysSince: zCount.nullable(),
    recentAlarms: zCount,
    weight: z.number().int().min(1),
  })
  .strict();

export const zDrawMode = z.enum(["normal", "relaxed", "overdue"]);

/** The secret of `date` is committed: commitment = hex sha256(secret bytes). Recorded before that day. */
export const zInspectionCommitted = z.object({ date: zDate, commitment: zHex32 }).strict();

/** A draw (attempt 0) or a redraw (attempt k): every input, and the result. */
export const zInspectionDrawn = z
  .object({
    /** The day's inspection id (`draw-YYYY-MM-DD`); a redraw keeps it. */
    id: zId,
    date: zDate,
    /** The UTC offset `date` is local to (China: 480). */
    tzOffsetMin: z.number().int().min(-840).max(840),
    attempt: zCount,
    /** The day's secret, revealed: sha256 of its bytes is the commitment recorded the day before. */
    secret: zHex32,
    commitment: zHex32,
    rules: zDrawRulesRecord,
    mode: zDrawMode,
    /** Keys (`prisonId/blockId`) of the day's earlier targets, left out on a redraw. */
    excluded: z.array(z.string().min(3).max(129)),
    eligible: z.array(zEligibleEntry).min(1),
    /** Hex HMAC-SHA256(secret, message): its first 8 bytes choose. */
    mac: zHex32,
    total: z.number().int().min(1),
    prisonId: zId,
    blockId: zId,
  })
  .strict();

const zTarget = z.object({ attempt: zCount, prisonId: zId, blockId: zId }).strict();

/** The day's draw is set aside, with the reason; the new draw follows as `inspection.drawn`. */
export const zInspectionRedrawn = z
  .object({ id: zId, date: zDate, reason: z.string().min(1).max(2000), previous: zTarget })
  .strict();

/** An inspection of a block the chief chose (not drawn): marked as such everywhere. */
export const zInspectionAdHoc = z
  .object({ id: zId, date: zDate, prisonId: zId, blockId: zId, reason: z.string().max(2000) })
  .strict();

export const zInspectionChecked = z
  .object({
    inspectionId: zId,
    items: z.array(z.object({ itemId: zId, result: zCheckResult, note: z.string() }).strict()),
  })
  .strict();

export const zInspectionCompleted = z.object({ inspectionId: zId, rating: zRating, summary: z.string() }).strict();

export const zFindingSeverity = z.number().int().min(1).max(3);

export const zFindingRecorded = z
  .object({
    id: zId,
    inspectionId: zId,
    date: zDate,
    prisonId: zId,
    blockId: zId,
    cameraId: zId.nullable(),
    note: z.string().min(1),
    severity: zFindingSeverity,
    /** Bare base64 JPEG (≤ 512 KB), validated at the edge; the log is the only place it is kept. */
    snapshot: z.string().nullable(),
    /** Or a reference to a stored snapshot (when the gateway keeps images outside the log). */
    snapshotRef: z.string().max(256).nullable(),
    deadlineDays: z.number().int().min(1),
    deadline: z.number(),
  })
  .strict();

/** The prison reports back on round `round` of a finding's rectification. */
export const zRectificationSubmitted = z
  .object({ findingId: zId, round: zCount, text: z.string().min(1), photo: z.string().nullable() })
  .strict();

/** The chief accepts or returns round `round`; a return opens round + 1 with a new deadline. */
export const zRectificationReviewed = z
  .object({
    findingId: zId,
    round: zCount,
    decision: z.enum(["accept", "return"]),
    note: z.string(),
    deadline: z.number().nullable(),
  })
  .strict();
