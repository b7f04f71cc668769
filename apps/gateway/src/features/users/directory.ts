// The user directory: the users the config brings (config file, demo set) with what the log says laid on
// top (edits, disabled, new passwords), the users made on the users page, each user's last login, and
// the failed-login lockout — all folded from the log, so it survives kill -9 and restarts. Once the log
// changes a config user, the log's record of that user wins over later edits of the config file.
// Never decides anything (the routes and service do); never reads the clock (times are the log's).
import { policy } from "@cw/protocol";
import type { ConfigUser, User } from "../../auth/users";
import type { StoredEvent } from "../../eventlog/types";
import type { LoggedEvent } from "../../events/map";
import type { FeatureState } from "../feature";
import { type Lock, Lockout, type LockoutRules, type LockoutSnapshot } from "./lockout";

export interface UserRecord extends User {
  disabled: boolean;
  mustChangePassword: boolean;
  source: "config" | "demo" | "product";
}

export class UserDirectory implements FeatureState {
  /** Users the log made or changed (full records). */
  private logged = new Map<string, UserRecord>();
  private lastLogin = new Map<string, number>();
  readonly lockout: Lockout;

  constructor(
    private readonly base: ReadonlyMap<string, ConfigUser>,
    rules: LockoutRules,
  ) {
    this.lockout = new Lockout(rules);
  }

  /** Any user, enabled or not. */
  get(username: string): UserRecord | null {
    const own = this.logged.get(username);
    if (own) return own;
    const b = this.base.get(username);
    return b ? { ...b, disabled: false, mustChangePassword: false } : null;
  }

  /** A user who may hold a session now (exists, not disabled), or null. */
  active(username: string): UserRecord | null {
    const u = this.get(username);
    return u && !u.disabled ? u : null;
  }

  list(): UserRecord[] {
    const names = new Set([...this.base.keys(), ...this.logged.keys()]);
    return [...names].flatMap((n) => this.get(n) ?? []);
  }

  lastLoginAt(username: string): number | null {
    return this.lastLogin.get(username) ?? null;
  }

  lockOf(username: string, now: number): Lock | null {
    return this.lockout.account(username, now);
  }

  fold(e: LoggedEvent, row: StoredEvent): void {
    switch (e.type) {
      case "user.created": {
        const d = e.data;
        this.logged.set(d.username, { ...d, disabled: false, source: "product" });
        return;
      }
      case "user.updated": {
        const { username, ...patch } = e.data;
        const u = this.get(username);
        if (!u) return;
        const next: UserRecord = { ...u };
        if (patch.displayName !== undefined) next.displayName = patch.displayName;
        if (patch.role !== undefined) next.role = patch.role;
        if (patch.prisonId !== undefined) next.prisonId = patch.prisonId;
        if (patch.disabled !== undefined) next.disabled = patch.disabled;
        if (policy[next.role].reach === "province") next.prisonId = null;
        this.logged.set(username, next);
        return;
      }
      case "user.password.set": {
        const u = this.get(e.data.username);
        if (!u) return;
        const { passwordHash, mustChangePassword } = e.data;
        this.logged.set(u.username, { ...u, passwordHash, mustChangePassword });
        if (e.data.reason === "reset") this.lockout.unlocked(u.username);
        return;
      }
      case "user.unlocked":
        this.lockout.unlocked(e.data.username);
        return;
      case "login.failed":
        // Refusals of a locked account or address are logged but do not count (they would extend nothing).
        if (e.data.reason !== "locked") this.lockout.failed(e.data.username, e.data.ip, row.at);
        return;
      case "session.opened":
        this.lastLogin.set(e.data.username, row.at);
        this.lockout.succeeded(e.data.username);
        return;
    }
  }

  snapshot(): DirectorySnapshot {
    return { logged: this.logged, lastLogin: this.lastLogin, lockout: this.lockout.snapshot() };
  }

  restore(data: unknown): void {
    const d = data as DirectorySnapshot;
    this.logged = new Map(d.logged);
    this.lastLogin = new Map(d.lastLogin);
    this.lockout.restore(d.lockout);
  }
}

export interface DirectorySnapshot {
  logged: ReadonlyMap<string, UserRecord>;
  lastLogin: ReadonlyMap<string, number>;
  lockout: LockoutSnapshot;
}
