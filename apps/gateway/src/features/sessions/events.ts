// The sessions' events: a login (the sha256 of the session id, never the id), its sliding renewal, a
// logout or a revocation by an administrator, and a refused login (why: a wrong password, a locked
// account or address, a disabled account, a wrong current password when changing it). Schemas only.
import { z } from "zod";

const zHash = z.string().regex(/^[0-9a-f]{64}$/);
const zClient = { ip: z.string().max(64), userAgent: z.string().max(256) };

export const sessionEvents = {
  "session.opened": z.object({ sessionHash: zHash, username: z.string(), expiresAt: z.number(), ...zClient }),
  "session.renewed": z.object({ sessionHash: zHash, expiresAt: z.number() }),
  "session.closed": z.object({ sessionHash: zHash, reason: z.enum(["logout", "revoked"]) }),
  "login.failed": z.object({
    username: z.string(),
    ...zClient,
    /** Absent in logs written before accounts: a wrong password. */
    reason: z.enum(["bad_credentials", "locked", "disabled", "password_change"]).optional(),
  }),
} as const;
