// Server-side search of the catalogue (GET /api/v1/cameras/search): the query, one hit and the answer.
// Flat schemas (no recursion): the wall validates an answer of hundreds of hits in well under a millisecond.
import { z } from "zod";
import { zCameraKind } from "./catalogue";

export const zCameraSearchQuery = z
  .object({
    q: z.string().trim().min(1, "type something to search for").max(200),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export type CameraSearchQuery = z.infer<typeof zCameraSearchQuery>;

export const zSearchHit = z.object({
  id: z.string(),
  kind: z.enum(["prison", "block", "subBlock", "camera"]),
  name: z.string(),
  cameraKind: zCameraKind.optional(),
  /** Names of the groups above it, prison first (prison › block › sub-block). */
  path: z.array(z.string()),
  prisonId: z.string(),
  /** A GB channel its catalogue placed nowhere (the wall shows it under 未分配). */
  unassigned: z.boolean().optional(),
});
export type SearchHit = z.infer<typeof zSearchHit>;

export const zCameraSearchAnswer = z.object({
  hits: z.array(zSearchHit),
  /** Every match the session may see; `hits` holds the first `limit` of them, best first. */
  total: z.number().int().nonnegative(),
});
export type CameraSearchAnswer = z.infer<typeof zCameraSearchAnswer>;
