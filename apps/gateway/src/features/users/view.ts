// A user as the users page shows it: the record without its hash, the prison's name, the lock, the last login.
import type { UserView } from "@cw/protocol";
import type { UserDirectory, UserRecord } from "./directory";

export function userView(
  u: UserRecord,
  directory: UserDirectory,
  prisons: ReadonlyArray<{ id: string; name: string }>,
  now: number,
): UserView {
  const lock = directory.lockOf(u.username, now);
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    prisonId: u.prisonId,
    prisonName: u.prisonId === null ? null : (prisons.find((p) => p.id === u.prisonId)?.name ?? null),
    disabled: u.disabled,
    locked: lock !== null,
    lockedUntil: lock?.until ?? null,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: directory.lastLoginAt(u.username),
    source: u.source,
  };
}
