// The inspection's part of the gateway config: the daily draw time (INSPECTION_DRAW_TIME, local
// "HH:MM", default 08:00), the checklist of standards (config file `inspectionChecklist`) and the draw
// rules (`inspectionRules`, a partial override of the shipped w1 rules). Dates are local to the
// roll-call offset (`rollcalls.tzOffsetMin`, default +480). Schemas only; config.ts merges them.
import { defaultChecklist, zChecklist, zDrawRules } from "@cw/alerts";
import { z } from "zod";

export const zDrawTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a draw time is local HH:MM, e.g. 08:00");

export const inspectionConfigShape = {
  /** Local time of the daily draw. */
  inspectionDrawTime: zDrawTime.default("08:00"),
  /** The standards a block is checked against (ids, zh + en names). */
  inspectionChecklist: zChecklist.default(defaultChecklist),
  /** Draw rules: gap N, overdue F, weights (recorded in every draw, so old draws verify after a change). */
  inspectionRules: zDrawRules.default(zDrawRules.parse({})),
};

export const inspectionEnvKeys = {
  INSPECTION_DRAW_TIME: "inspectionDrawTime",
} as const;
