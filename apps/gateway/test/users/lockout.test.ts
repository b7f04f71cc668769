// The lockout rule with an injected clock: N failures within the window lock the account (or the address),
// the lock ends after lockMs or — with lockMs 0 — when an administrator unlocks, success clears the count.
import { describe, expect, it } from "vitest";
import { Lockout } from "../../src/features/users/lockout";

const min = 60_000;
const rules = { maxFailures: 3, addressMaxFailures: 5, windowMs: 15 * min, lockMs: 30 * min };
const t0 = Date.UTC(2026, 0, 1, 3, 0);

describe("lockout", () => {
  it("locks an account at the Nth failure inside the window, until lockMs has passed", () => {
    const l = new Lockout(rules);
    l.failed("li", "10.0.0.1", t0);
    l.failed("li", "10.0.0.2", t0 + min);
    expect(l.account("li", t0 + min)).toBeNull();
    l.failed("li", "10.0.0.3", t0 + 2 * min);
    expect(l.account("li", t0 + 2 * min)).toEqual({ until: t0 + 32 * min });
    expect(l.account("li", t0 + 32 * min - 1)).not.toBeNull();
    expect(l.account("li", t0 + 32 * min)).toBeNull();
    expect(l.account("wang", t0 + 2 * min)).toBeNull();
  });

  it("forgets failures older than the window", () => {
    const l = new Lockout(rules);
    l.failed("li", "a", t0);
    l.failed("li", "a", t0 + 1);
    l.failed("li", "a", t0 + 15 * min + 1); // both earlier ones are out of the window now
    l.failed("li", "a", t0 + 15 * min + 2);
    expect(l.account("li", t0 + 15 * min + 2)).toBeNull();
    l.failed("li", "a", t0 + 15 * min + 3);
    expect(l.account("li", t0 + 15 * min + 3)).not.toBeNull();
  });

  it("attempts while locked do not extend the lock; after it ends the count starts afresh", () => {
    const l = new Lockout(rules);
    for (let i = 0; i < 3; i++) l.failed("li", "a", t0 + i);
    for (let i = 0; i < 10; i++) l.failed("li", "a", t0 + 10 * min + i);
    expect(l.account("li", t0 + 30 * min + 1)).toEqual({ until: t0 + 30 * min + 2 });
    expect(l.account("li", t0 + 31 * min)).toBeNull();
    l.failed("li", "a", t0 + 31 * min);
    expect(l.account("li", t0 + 31 * min)).toBeNull();
  });

  it("a success clears the account's failures", () => {
    const l = new Lockout(rules);
    l.failed("li", "a", t0);
    l.failed("li", "a", t0 + 1);
    l.succeeded("li");
    l.failed("li", "a", t0 + 2);
    expect(l.account("li", t0 + 2)).toBeNull();
  });

  it("lockMs 0: locked until unlocked", () => {
    const l = new Lockout({ ...rules, lockMs: 0 });
    for (let i = 0; i < 3; i++) l.failed("li", "a", t0 + i);
    expect(l.account("li", t0 + 365 * 24 * 60 * min)).toEqual({ until: null });
    l.unlocked("li");
    expect(l.account("li", t0 + 3)).toBeNull();
  });

  it("locks an address after its own count, across accounts; an address lock always ends", () => {
    const l = new Lockout({ ...rules, lockMs: 0 });
    for (let i = 0; i < 5; i++) l.failed(`user${i}`, "10.9.9.9", t0 + i);
    expect(l.address("10.9.9.9", t0 + 5)).toEqual({ until: t0 + 4 + 15 * min });
    expect(l.address("10.9.9.8", t0 + 5)).toBeNull();
    expect(l.address("10.9.9.9", t0 + 4 + 15 * min)).toBeNull();
    expect(l.account("user0", t0 + 5)).toBeNull();
  });

  it("sweeps idle counters of sprayed names", () => {
    const l = new Lockout(rules);
    for (let i = 0; i < 50; i++) l.failed(`ghost${i}`, `10.0.${i}.1`, t0);
    l.sweep(t0 + 16 * min);
    expect(l.snapshot().accounts.size).toBe(0);
    expect(l.snapshot().addresses.size).toBe(0);
  });
});
