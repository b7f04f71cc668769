// Lockout after repeated failed logins, per account and per address, as a pure fold: failures and
// successes come in with their time (the log's), questions are asked with the caller's clock. Owns the
// counting rule: `maxFailures` within `windowMs` lock the key; the lock lasts `lockMs` (0: until unlocked)
// and a lock that ended starts a fresh count. Never reads a clock, never does I/O.

export interface LockoutRules {
  maxFailures: number;
  addressMaxFailures: number;
  windowMs: number;
  /** 0: an account lock lasts until an administrator unlocks it (an address lock then lasts one window). */
  lockMs: number;
}

interface Counter {
  /** Times of the failures still inside the window (oldest first). */
  fails: number[];
  lockedAt: number | null;
}

/** A lock: when it ends by itself (null: when an administrator unlocks it). */
export interface Lock {
  until: number | null;
}

export class Lockout {
  private accounts = new Map<string, Counter>();
  private addresses = new Map<string, Counter>();
  private sinceSweep = 0;

  constructor(private readonly rules: LockoutRules) {}

  private lockOf(c: Counter | undefined, now: number, lockMs: number): Lock | null {
    if (!c || c.lockedAt === null) return null;
    if (lockMs === 0) return { until: null };
    const until = c.lockedAt + lockMs;
    return now < until ? { until } : null;
  }

  private count(map: Map<string, Counter>, key: string, at: number, max: number, lockMs: number): void {
    let c = map.get(key);
    if (!c) {
      c = { fails: [], lockedAt: null };
      map.set(key, c);
    }
    if (c.lockedAt !== null) {
      if (this.lockOf(c, at, lockMs) !== null) return; // already locked: attempts meanwhile do not extend it
      c.lockedAt = null;
    }
    c.fails = c.fails.filter((t) => at - t < this.rules.windowMs);
    c.fails.push(at);
    if (c.fails.length >= max) {
      c.lockedAt = at;
      c.fails = [];
    }
  }

  /** A failed login of `username` from `ip` at `at`. */
  failed(username: string, ip: string, at: number): void {
    this.count(this.accounts, username, at, this.rules.maxFailures, this.rules.lockMs);
    this.count(this.addresses, ip, at, this.rules.addressMaxFailures, this.addressLockMs());
    if (++this.sinceSweep >= 1000) this.sweep(at);
  }

  /** A successful login clears the account's failures (not the address's). */
  succeeded(username: string): void {
    this.accounts.delete(username);
  }

  unlocked(username: string): void {
    this.accounts.delete(username);
  }

  account(username: string, now: number): Lock | null {
    return this.lockOf(this.accounts.get(username), now, this.rules.lockMs);
  }

  address(ip: string, now: number): Lock | null {
    return this.lockOf(this.addresses.get(ip), now, this.addressLockMs());
  }

  /** An address is never locked forever: nobody could unlock it. */
  private addressLockMs(): number {
    return this.rules.lockMs === 0 ? this.rules.windowMs : this.rules.lockMs;
  }

  /** Forgets counters with nothing left in the window and no lock (sprayed unknown names stay bounded). */
  sweep(now: number): void {
    this.sinceSweep = 0;
    const sweepOne = (map: Map<string, Counter>, lockMs: number) => {
      for (const [k, c] of map) {
        const idle = c.fails.every((t) => now - t >= this.rules.windowMs);
        if (idle && this.lockOf(c, now, lockMs) === null) map.delete(k);
      }
    };
    sweepOne(this.accounts, this.rules.lockMs);
    sweepOne(this.addresses, this.addressLockMs());
  }

  snapshot(): LockoutSnapshot {
    return { accounts: this.accounts, addresses: this.addresses };
  }

  restore(d: LockoutSnapshot): void {
    this.accounts = new Map(d.accounts);
    this.addresses = new Map(d.addresses);
  }
}

export interface LockoutSnapshot {
  accounts: ReadonlyMap<string, Counter>;
  addresses: ReadonlyMap<string, Counter>;
}
