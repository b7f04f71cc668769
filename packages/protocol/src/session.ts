// Users, roles and the session on the wire.
import { z } from "zod";

/** Who a user is; what each role may do is the policy table (policy.ts). */
export const roles = ["admin", "commander", "chief", "duty", "operator", "viewer"] as const;
export const zRole = z.enum(roles);
export type Role = z.infer<typeof zRole>;

export const zLogin = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();
export type Login = z.infer<typeof zLogin>;

export const zSessionInfo = z.object({
  username: z.string(),
  displayName: z.string(),
  role: zRole,
  /** Prison-bound roles (operators) name their prison; everyone else sees the province (null). */
  prisonId: z.string().nullable(),
  expiresAt: z.number(),
  /**
   * The bureau's calendar: its offset from UTC in minutes (+480 for China). "Today", day/month/quarter
   * boundaries and every date the wall shows come from it, never from the browser's time zone.
   */
  tzOffsetMin: z.number().int().min(-840).max(840),
  /** The gateway's clock when it answered (ms since the epoch): the wall corrects its own clock by it. */
  now: z.number(),
  /** The password was reset: every request but this, logout and PUT /api/v1/session/password is refused
   *  (403 password_change_required) until the user chooses a new one. */
  mustChangePassword: z.boolean().optional(),
});
export type SessionInfo = z.infer<typeof zSessionInfo>;
