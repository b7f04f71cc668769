// Sessions as a fold of the log: session.opened (sha256 of the session id, user, expiry), session.renewed
// (sliding expiry, logged at most every renewEveryMs) and session.closed (logout). So sessions survive a
// restart and every login is in the audit trail. The raw session id lives only in the user's cookie.
import { createHash, randomBytes } from "node:crypto";
import type { LoggedEvent } from "../events/map";
import type { User } from "./users";

export interface Session {
  hash: string;
  user: User;
  expiresAt: number;
}

export const newSessionId = (): string => randomBytes(32).toString("base64url");
export const hashSessionId = (id: string): string => createHash("sha256").update(id).digest("hex");
/** The part of the session hash an HLS token carries (64 bits: enough to find, useless to forge). */
export const sessionHashPrefix = (hash: string): string => hash.slice(0, 16);

export class SessionStore {
  private readonly byHash = new Map<string, { username: string; expiresAt: number }>();
  private readonly prefixes = new Map<string, string>();

  constructor(
    private readonly users: ReadonlyMap<string, User>,
    private readonly now: () => number,
    readonly ttlMs: number,
    /** Log a renewal once a session has used this much of its time (sliding expiry, few events). */
    private readonly renewEveryMs = Math.min(ttlMs / 4, 60 * 60 * 1000),
  ) {}

  fold(e: LoggedEvent): void {
    if (e.type === "session.opened") {
      const d = e.data;
      this.byHash.set(d.sessionHash, { username: d.username, expiresAt: d.expiresAt });
      this.prefixes.set(sessionHashPrefix(d.sessionHash), d.sessionHash);
      this.prune();
    } else if (e.type === "session.renewed") {
      const d = e.data;
      const s = this.byHash.get(d.sessionHash);
      if (s) s.expiresAt = Math.max(s.expiresAt, d.expiresAt);
    } else if (e.type === "session.closed") {
      this.drop(e.data.sessionHash);
    }
  }

  private drop(hash: string): void {
    this.byHash.delete(hash);
    this.prefixes.delete(sessionHashPrefix(hash));
  }

  private prune(): void {
    const now = this.now();
    for (const [hash, s] of this.byHash) if (s.expiresAt <= now) this.drop(hash);
  }

  /** The live session for a hash, or null (unknown, closed, expired, or its user was removed). */
  byHashValue(hash: string): Session | null {
    const s = this.byHash.get(hash);
    if (!s) return null;
    if (s.expiresAt <= this.now()) {
      this.drop(hash);
      return null;
    }
    const user = this.users.get(s.username);
    return user ? { hash, user, expiresAt: s.expiresAt } : null;
  }

  resolve(sessionId: string): Session | null {
    return this.byHashValue(hashSessionId(sessionId));
  }

  byPrefix(prefix: string): Session | null {
    const hash = this.prefixes.get(prefix);
    return hash ? this.byHashValue(hash) : null;
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
      this.byHash.set(hash, { username: s.username, expiresAt: s.expiresAt });
      this.prefixes.set(sessionHashPrefix(hash), hash);
    }
  }
}

export interface SessionsSnapshot {
  byHash: ReadonlyMap<string, { username: string; expiresAt: number }>;
}
