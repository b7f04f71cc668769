// What the users page shows, as pure functions: a user's states in words (disabled, locked, must change),
// the list filtered and in reading order (states that need someone first, then by name), whether a role
// needs a prison, a short name of a browser, and the password form's own checks before anything is sent.
// No React, no fetch: tested in vitest.
import { passwordProblem, policy, type Role, type UserView } from "@cw/protocol";
import type { MessageKey } from "../i18n/i18n";

export type UserState = "active" | "disabled" | "locked" | "mustChange";

/** Every state that applies (a disabled user may also be locked); "active" only when none does. */
export function userStates(u: UserView): UserState[] {
  const out: UserState[] = [];
  if (u.disabled) out.push("disabled");
  if (u.locked) out.push("locked");
  if (u.mustChangePassword) out.push("mustChange");
  return out.length === 0 ? ["active"] : out;
}

const stateRank = (u: UserView) => (u.locked ? 0 : u.disabled ? 2 : 1);

/** Users matching `query` (username or name, any case), locked ones first, disabled last, then by name. */
export function visibleUsers(users: readonly UserView[], query: string): UserView[] {
  const q = query.trim().toLowerCase();
  return users
    .filter((u) => q === "" || u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q))
    .sort((a, b) => stateRank(a) - stateRank(b) || a.username.localeCompare(b.username));
}

export const needsPrison = (role: Role): boolean => policy[role].reach === "prison";

/** "Chrome 131", "Firefox 128", "Edge 131" … from a user agent; the raw string (cut) otherwise. */
export function browserName(userAgent: string): string {
  for (const [name, re] of [
    ["Edge", /Edg\/(\d+)/],
    ["Chrome", /Chrome\/(\d+)/],
    ["Firefox", /Firefox\/(\d+)/],
    ["Safari", /Version\/(\d+)[^ ]* Safari/],
  ] as const) {
    const m = re.exec(userAgent);
    if (m) return `${name} ${m[1]}`;
  }
  return userAgent.slice(0, 40) || "—";
}

/** The password form's message before sending (the gateway also checks the common list), or null. */
export function newPasswordProblem(next: string, confirm: string | null, username: string): MessageKey | null {
  const p = passwordProblem(next, username);
  if (p === "short") return "pw.short";
  if (p === "username") return "pw.username";
  if (confirm !== null && next !== confirm) return "pw.mismatch";
  return null;
}
