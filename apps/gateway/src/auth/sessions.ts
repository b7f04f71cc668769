// Sessions as a fold of the log: session.opened (sha256 of the session id, user, expiry, address, browser),
// session.renewed (sliding expiry, logged at most every renewEveryMs) and session.closed (logout, or
// revoked by an administrator). A user disabled, or whose password an administrator reset, loses every
// session in the same fold. So sessions survive a restart and every login is in the audit trail. The raw
// session id lives only in the user's cookie.
import { createHash, randomBytes } from "node:crypto";
import type { StoredEvent } from "../eventlog/types";
import type { LoggedEvent } from "../events/map";
import type { User } from "./users";

export interface Session {
  hash: string;
  user: User;
  expiresAt: number;
}

/** A session as the sessions list shows it (never the id or its hash). */
export interface SessionEntry {
  username: string;
  expiresAt: number;
  openedAt: number;
  ip: string;
  userAgent: string;
}

export const newSessionId = (): string => randomBytes(32).toString("base64url");
export const hashSessionId = (id: string): string => createHash("sha256").update(id).digest("hex");
/** The part of the session hash an HLS token carries (64 bits: enough to find, useless to forge). It is
 *  also the session's id in the sessions list (`DELETE /api/v1/sessions/{id}`). */
export const sessionHashPrefix = (hash: string): string => hash.slice(0, 16);

/** Who may hold a session now: the user, or null (unknown or disabled). */
export type ActiveUser = (username: string) => User | null;

export class SessionStore {
  private readonly byHash = new Map<string, SessionEntry>();
  private readonly prefixes = new Map<string, string>();

  constructor(
    private readonly users: ActiveUser,
    private readonly now: () => number,
    readonly ttlMs: number,
    /** Log a renewal once a session has used this much of its time (sliding expiry, few events). */
    private readonly renewEveryMs = Math.min(ttlMs / 4, 60 * 60 * 1000),
  ) {}

  fold(e: LoggedEvent, row?: StoredEvent): void {
    if (e.type === "session.opened") {
      const d = e.data;
      const entry = {
        username: d.username,
        expiresAt: d.expiresAt,
        openedAt: row?.at ?? 0,
        ip: d.ip,
        userAgent: d.userAgent,
      };
      this.byHash.set(d.sessionHash, entry);
      this.prefixes.set(sessionHashPrefix(d.sessionHash), d.sessionHash);
      this.prune();
    } else if (e.type === "session.renewed") {
      const d = e.data;
      const s = this.byHash.get(d.sessionHash);
      if (s) s.expiresAt = Math.max(s.expiresAt, d.expiresAt);
    } else if (e.type === "session.closed") {
      this.drop(e.data.sessionHash);
    } else if (e.type === "user.updated" && e.data.disabled === true) {
      this.dropUser(e.data.username);
    } else if (e.type === "user.password.set" && e.data.reason === "reset") {
      this.dropUser(e.data.username);
    }
  }

  private drop(hash: string): void {
    this.byHash.delete(hash);
    this.prefixes.delete(sessionHashPrefix(hash));
  }

  private dropUser(username: string): void {
    for (const [hash, s] of this.byHash) if (s.username === username) this.drop(hash);
  }

  private prune(): void {
    const now = this.now();
    for (const [hash, s] of this.byHash) if (s.expiresAt <= now) this.drop(hash);
  }

  /** The live session for a hash, or null (unknown, closed, expired, or its user was removed or disabled). */
  byHashValue(hash: string): Session | null {
    const s = this.byHash.get(hash);
    if (!s) return null;
    if (s.expiresAt <= this.now()) {
      this.drop(hash);
      return null;
    }
    const user = this.users(s.username);
    return user ? { hash, user, expiresAt: s.expiresAt } : null;
  }

  resolve(sessionId: string): Session | null {
    return this.byHashValue(hashSessionId(sessionId));
  }

  byPrefix(prefix: string): Session | null {
    const hash = this.prefixes.get(prefix);
    return hash ? this.byHashValue(hash) : null;
  }

  /** The session hash behind a sessions-list id (whatever its state), or null. */
  hashOf(prefix: string): string | null {
    return this.prefixes.get(prefix) ?? null;
  }

  /** An unexpired session's entry by its hash, or null. */
  entry(hash: string): SessionEntry | null {
    const s = this.byHash.get(hash);
    return s && s.expiresAt > this.now() ? s : null;
  }

  /** A user's unexpired sessions, newest first, with their list ids. */
  ofUser(username: string): Array<SessionEntry & { id: string; hash: string }> {
    const now = this.now();
    const out: Array<SessionEntry & { id: string; hash: string }> = [];
    for (const [hash, s] of this.byHash) {
      if (s.username === username && s.expiresAt > now) out.push({ ...s, id: sessionHashPrefix(hash), hash });
    }
    return out.sort((a, b) => b.openedAt - a.openedAt);
  }

  /** The new expiry when the session should slide now, else null. */
  renewal(s: Session): number | null {
    const next = this.now() + this.ttlMs;
    return next - s.expiresAt >= this.renewEveryMs ? next : null;
  }

  get size(): number {
    return this.byHash.size;
  }

  snapshot(): SessionsSnapshot {
    return { byHash: this.byHash };
  }

  restore(data: unknown): void {
    const { byHash } = data as SessionsSnapshot;
    this.byHash.clear();
    this.prefixes.clear();
    for (const [hash, s] of byHash) {
      this.byHash.set(hash, { ...s });
      this.prefixes.set(sessionHashPrefix(hash), hash);
    }
  }
}

export interface SessionsSnapshot {
  byHash: ReadonlyMap<string, SessionEntry>;
}
