// The sessions' events: a login (the sha256 of the session id, never the id), its sliding renewal, a
// logout, and a refused login. Schemas only.
import { z } from "zod";

const zHash = z.string().regex(/^[0-9a-f]{64}$/);
const zClient = { ip: z.string().max(64), userAgent: z.string().max(256) };

export const sessionEvents = {
  "session.opened": z.object({ sessionHash: zHash, username: z.string(), expiresAt: z.number(), ...zClient }),
  "session.renewed": z.object({ sessionHash: zHash, expiresAt: z.number() }),
  "session.closed": z.object({ sessionHash: zHash, reason: z.literal("logout") }),
  "login.failed": z.object({ username: z.string(), ...zClient }),
} as const;
