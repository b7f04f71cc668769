// When a snapshot is due (pure policy): after `every` events once the gateway has been quiet for
// QUIET_SECONDS, forced at FORCE_FACTOR × every, never when off; at shutdown only when it saves a
// noticeable replay.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORCE_FACTOR, QUIET_SECONDS, snapshotAtClose, snapshotDue } from "../../src/snapshot/policy";

describe("snapshotDue", () => {
  it("waits for `every` events and a few quiet seconds in a row", () => {
    expect(snapshotDue({ sinceSnapshot: 99, quietSeconds: 60, every: 100 })).toBe(false);
    expect(snapshotDue({ sinceSnapshot: 100, quietSeconds: QUIET_SECONDS, every: 100 })).toBe(true);
    expect(snapshotDue({ sinceSnapshot: 100, quietSeconds: QUIET_SECONDS - 1, every: 100 })).toBe(false);
    expect(snapshotDue({ sinceSnapshot: 100 * FORCE_FACTOR, quietSeconds: 0, every: 100 })).toBe(true);
    expect(snapshotDue({ sinceSnapshot: 100 * FORCE_FACTOR - 1, quietSeconds: 0, every: 100 })).toBe(false);
  });

  it("is never due when off or with nothing new (property)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: -5, max: 0 }), (since, rate, every) => {
        expect(snapshotDue({ sinceSnapshot: since, quietSeconds: rate, every })).toBe(false);
        expect(snapshotAtClose({ sinceSnapshot: since, every })).toBe(false);
        expect(snapshotDue({ sinceSnapshot: 0, quietSeconds: rate, every: since + 1 })).toBe(false);
      }),
    );
  });

  it("is monotonic: more events or more quiet never make a due snapshot not due (property)", () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.nat(10_000),
        fc.nat(200),
        fc.integer({ min: 1, max: 5000 }),
        (a, extra, quiet, every) => {
          if (snapshotDue({ sinceSnapshot: a, quietSeconds: quiet, every })) {
            expect(snapshotDue({ sinceSnapshot: a + extra, quietSeconds: quiet, every })).toBe(true);
            expect(snapshotDue({ sinceSnapshot: a, quietSeconds: quiet + extra, every })).toBe(true);
          }
        },
      ),
    );
  });

  it("at close: only when a tenth of `every` has gathered", () => {
    expect(snapshotAtClose({ sinceSnapshot: 9_999, every: 100_000 })).toBe(false);
    expect(snapshotAtClose({ sinceSnapshot: 10_000, every: 100_000 })).toBe(true);
    expect(snapshotAtClose({ sinceSnapshot: 1, every: 1 })).toBe(true);
  });
});
