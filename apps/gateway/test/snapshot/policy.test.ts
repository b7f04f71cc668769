// When a snapshot is due (pure policy): after `every` events once the gateway is quiet, forced at
// 5 × every, never when off; at shutdown only when it saves a noticeable replay.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FORCE_FACTOR, QUIET_RATE, snapshotAtClose, snapshotDue } from "../../src/snapshot/policy";

describe("snapshotDue", () => {
  it("waits for `every` events and a quiet second", () => {
    expect(snapshotDue({ sinceSnapshot: 99, lastSecond: 0, every: 100 })).toBe(false);
    expect(snapshotDue({ sinceSnapshot: 100, lastSecond: 0, every: 100 })).toBe(true);
    expect(snapshotDue({ sinceSnapshot: 100, lastSecond: QUIET_RATE, every: 100 })).toBe(false);
    expect(snapshotDue({ sinceSnapshot: 100 * FORCE_FACTOR, lastSecond: 10_000, every: 100 })).toBe(true);
  });

  it("is never due when off or with nothing new (property)", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: -5, max: 0 }), (since, rate, every) => {
        expect(snapshotDue({ sinceSnapshot: since, lastSecond: rate, every })).toBe(false);
        expect(snapshotAtClose({ sinceSnapshot: since, every })).toBe(false);
        expect(snapshotDue({ sinceSnapshot: 0, lastSecond: rate, every: since + 1 })).toBe(false);
      }),
    );
  });

  it("is monotonic: more events never make a due snapshot not due (property)", () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.nat(10_000),
        fc.nat(200),
        fc.integer({ min: 1, max: 5000 }),
        (a, extra, rate, every) => {
          if (snapshotDue({ sinceSnapshot: a, lastSecond: rate, every })) {
            expect(snapshotDue({ sinceSnapshot: a + extra, lastSecond: rate, every })).toBe(true);
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
