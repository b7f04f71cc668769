// The wall's events: an output screen's whole state (and its running tour's anchor), a preset saved
// or deleted. Versions, times and authors come from the log, not from the data. Schemas only.
import { zId, zPreset, zScreenNumber, zScreenState } from "@cw/protocol";
import { z } from "zod";

/** A running tour's anchor: the page shown is anchorStep + whole dwells since anchorAt (frozen at pausedAt). */
export const zTourRun = z.object({
  tourId: zId,
  anchorAt: z.number(),
  anchorStep: z.number().int().min(0),
  pausedAt: z.number().nullable(),
});

export const wallEvents = {
  "wall.screen.set": z.object({ n: zScreenNumber, state: zScreenState, run: zTourRun.nullable() }),
  "preset.saved": z.object({ preset: zPreset }),
  "preset.deleted": z.object({ id: zId }),
} as const;
