// Accounts on the wire: the users page's list, a new user, an edit, a password change, a user's sessions,
// and the password rules every new password must pass. Owns: the shapes and the pure rules (length, not
// the username, not a common password — the list itself is the gateway's, passed in). Never: I/O.
import { z } from "zod";
import { zId } from "./ids";
import { zRole } from "./session";

/** The shortest password the gateway takes. */
export const passwordMinLength = 10;
export const passwordMaxLength = 256;

export const zUsername = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, "a username is 1-64 letters, digits, '_', '.' or '-'");
const zDisplayName = z.string().trim().min(1).max(80);
const zPassword = z.string().min(1).max(passwordMaxLength);

/** Why a password is refused, or null when it passes. `common`: it is on the shipped common-password list. */
export type PasswordProblem = "short" | "username" | "common";

/**
 * The password rules: at least `passwordMinLength` characters, not the username (nor it reversed, in any
 * case), not on the common list (compared lower-cased). The wall runs it without the list; the gateway
 * with it.
 */
export function passwordProblem(
  password: string,
  username: string,
  common: ReadonlySet<string> = new Set(),
): PasswordProblem | null {
  if ([...password].length < passwordMinLength) return "short";
  const p = password.toLowerCase();
  const u = username.toLowerCase();
  if (p === u || p === [...u].reverse().join("") || (u.length >= 4 && p.includes(u))) return "username";
  if (common.has(p)) return "common";
  return null;
}

export const zUserCreate = z
  .object({
    username: zUsername,
    displayName: zDisplayName,
    role: zRole,
    prisonId: zId.nullable().optional(),
    password: zPassword,
  })
  .strict();
export type UserCreate = z.infer<typeof zUserCreate>;

export const zUserPatch = z
  .object({
    displayName: zDisplayName.optional(),
    role: zRole.optional(),
    prisonId: zId.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UserPatch = z.infer<typeof zUserPatch>;

export const zPasswordChange = z.object({ current: zPassword, next: zPassword }).strict();
export type PasswordChange = z.infer<typeof zPasswordChange>;

/** Where a user comes from: the config file, the demo set, or made on the users page. */
export const zUserSource = z.enum(["config", "demo", "product"]);

export const zUserView = z.object({
  username: z.string(),
  displayName: z.string(),
  role: zRole,
  prisonId: z.string().nullable(),
  /** The prison's name (the admin does not read the camera tree). */
  prisonName: z.string().nullable(),
  disabled: z.boolean(),
  /** Locked by failed logins (an admin unlocks; or it ends at lockedUntil). */
  locked: z.boolean(),
  /** When the lock ends by itself; null while not locked or locked until an admin unlocks. */
  lockedUntil: z.number().nullable(),
  /** A reset password: the user must choose a new one at the next login. */
  mustChangePassword: z.boolean(),
  lastLoginAt: z.number().nullable(),
  source: zUserSource,
});
export type UserView = z.infer<typeof zUserView>;

export const zUserList = z.object({
  users: z.array(zUserView),
  /** The prisons a prison-bound user may be given (id and name). */
  prisons: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type UserList = z.infer<typeof zUserList>;

export const zTemporaryPassword = z.object({ temporaryPassword: z.string() });

export const zSessionView = z.object({
  /** Opaque; DELETE /api/v1/sessions/{sessionId} revokes it. Not the cookie. */
  sessionId: z.string(),
  username: z.string(),
  openedAt: z.number(),
  expiresAt: z.number(),
  ip: z.string(),
  userAgent: z.string(),
  /** The session of the request that asked. */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof zSessionView>;
export const zSessionList = z.object({ sessions: z.array(zSessionView) });
