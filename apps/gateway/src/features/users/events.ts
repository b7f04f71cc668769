// The accounts' events: a user made on the users page, an edit (name, role, prison, disabled), a new
// password hash (reset by an administrator → must change; or changed by the user), an unlock. Schemas
// only. A password itself is never logged, only its scrypt hash (the audit view hides it).
import { zRole, zUsername } from "@cw/protocol";
import { z } from "zod";

const zHash = z.string().regex(/^scrypt\$/);

export const userEvents = {
  "user.created": z.object({
    username: zUsername,
    displayName: z.string(),
    role: zRole,
    prisonId: z.string().nullable(),
    passwordHash: zHash,
    mustChangePassword: z.boolean(),
  }),
  "user.updated": z.object({
    username: zUsername,
    displayName: z.string().optional(),
    role: zRole.optional(),
    prisonId: z.string().nullable().optional(),
    disabled: z.boolean().optional(),
  }),
  "user.password.set": z.object({
    username: zUsername,
    passwordHash: zHash,
    mustChangePassword: z.boolean(),
    reason: z.enum(["reset", "changed", "bootstrap"]),
  }),
  "user.unlocked": z.object({ username: zUsername }),
} as const;
