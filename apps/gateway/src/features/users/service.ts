// The administrator's and the user's own account commands: decide against the directory, hash, append.
// Every refusal is data with a code and a field (the routes throw it as 4xx JSON). Rules: a username is
// taken once (config and demo users included); a prison-bound role needs a prison of the catalogue and a
// province role has none; the last enabled administrator cannot be disabled or demoted; a new password
// passes the password rules (@cw/protocol passwordProblem with the shipped common list). Never touches HTTP.
import { type Actor, userActor } from "@cw/alerts";
import {
  fail,
  ok,
  passwordProblem,
  policy,
  type Result,
  type Role,
  type UserCreate,
  type UserPatch,
} from "@cw/protocol";
import { hashPassword } from "../../auth/password";
import type { Commit } from "../../events/codec";
import type { UserDirectory, UserRecord } from "./directory";
import { type RandomBytes, temporaryPassword } from "./temporaryPassword";

export interface UsersServiceDeps {
  directory: UserDirectory;
  commit: Commit;
  prisons: ReadonlyArray<{ id: string; name: string }>;
  common: ReadonlySet<string>;
  random?: RandomBytes;
}

const problemText = {
  short: "a password has at least 10 characters",
  username: "a password must not be (or contain) the username",
  common: "this password is on the list of common passwords",
} as const;

/** The password rules as a Result naming `field`. */
export function checkPassword(password: string, username: string, common: ReadonlySet<string>, field: string) {
  const problem = passwordProblem(password, username, common);
  return problem === null ? ok(true) : fail("weak_password", `${field}: ${problemText[problem]}`, field);
}

export class UsersService {
  constructor(private readonly d: UsersServiceDeps) {}

  private prisonFor(role: Role, prisonId: string | null | undefined): Result<string | null> {
    if (policy[role].reach === "province") return ok(null);
    if (prisonId === null || prisonId === undefined) {
      return fail("validation", `prisonId: a ${role} belongs to one prison`, "prisonId");
    }
    if (!this.d.prisons.some((p) => p.id === prisonId)) {
      return fail("validation", `prisonId: no prison ${prisonId} in the catalogue`, "prisonId");
    }
    return ok(prisonId);
  }

  async create(actor: string, body: UserCreate): Promise<Result<UserRecord>> {
    if (this.d.directory.get(body.username)) return fail("conflict", `user ${body.username} exists`, "username");
    const prison = this.prisonFor(body.role, body.prisonId);
    if (!prison.ok) return prison;
    const pw = checkPassword(body.password, body.username, this.d.common, "password");
    if (!pw.ok) return pw;
    const passwordHash = await hashPassword(body.password);
    const { username, displayName, role } = body;
    await this.d.commit([
      {
        type: "user.created",
        actor: userActor(actor),
        data: { username, displayName, role, prisonId: prison.value, passwordHash, mustChangePassword: false },
      },
    ]);
    return ok(this.d.directory.get(username)!);
  }

  private adminsLeftAfter(username: string, next: { role: Role; disabled: boolean }): number {
    return this.d.directory
      .list()
      .filter((u) =>
        u.username === username ? next.role === "admin" && !next.disabled : u.role === "admin" && !u.disabled,
      ).length;
  }

  async update(actor: string, username: string, patch: UserPatch): Promise<Result<UserRecord>> {
    const u = this.d.directory.get(username);
    if (!u) return fail("not_found", `no user ${username}`, "username");
    const role = patch.role ?? u.role;
    const prison = this.prisonFor(role, patch.prisonId === undefined ? u.prisonId : patch.prisonId);
    if (!prison.ok) return prison;
    const disabled = patch.disabled ?? u.disabled;
    if (u.role === "admin" && !u.disabled && this.adminsLeftAfter(username, { role, disabled }) === 0) {
      const field = patch.disabled ? "disabled" : "role";
      return fail("conflict", "the last enabled administrator cannot be disabled or given another role", field);
    }
    const data = {
      username,
      ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(prison.value !== u.prisonId ? { prisonId: prison.value } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    };
    await this.d.commit([{ type: "user.updated", actor: userActor(actor), data }]);
    return ok(this.d.directory.get(username)!);
  }

  /**
   * A new random password the user must change at the next login; their sessions end, their lock clears.
   * `actor`: an administrator's username, or a system actor (`system:reset-admin`, the offline command).
   */
  async resetPassword(actor: string | Actor, username: string): Promise<Result<{ temporaryPassword: string }>> {
    const u = this.d.directory.get(username);
    if (!u) return fail("not_found", `no user ${username}`, "username");
    const password = temporaryPassword(this.d.random);
    const passwordHash = await hashPassword(password);
    await this.d.commit([
      {
        type: "user.password.set",
        actor: actor.startsWith("system:") ? (actor as Actor) : userActor(actor),
        data: { username, passwordHash, mustChangePassword: true, reason: "reset" },
      },
    ]);
    return ok({ temporaryPassword: password });
  }

  async unlock(actor: string, username: string): Promise<Result<UserRecord>> {
    const u = this.d.directory.get(username);
    if (!u) return fail("not_found", `no user ${username}`, "username");
    await this.d.commit([{ type: "user.unlocked", actor: userActor(actor), data: { username } }]);
    return ok(this.d.directory.get(username)!);
  }
}
