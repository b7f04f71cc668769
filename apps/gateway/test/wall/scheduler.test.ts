// The tour timer: one timer at the earliest due page, none when nothing tours, never a spin, and
// nothing after close().
import { describe, expect, it } from "vitest";
import { type Timers, TourScheduler } from "../../src/features/wall/scheduler";

function fakeTimers() {
  const armed = new Map<number, { fn: () => void; ms: number }>();
  let id = 0;
  const timers: Timers = {
    set: (fn, ms) => {
      const mine = ++id;
      armed.set(mine, {
        fn: () => {
          armed.delete(mine);
          fn();
        },
        ms,
      });
      return mine;
    },
    clear: (h) => armed.delete(h as number),
  };
  return { timers, armed };
}

describe("TourScheduler", () => {
  it("arms one timer for the earliest due page and fires onDue", () => {
    const { timers, armed } = fakeTimers();
    let due: number | null = 5_000;
    let fired = 0;
    const s = new TourScheduler(
      () => due,
      () => 1_000,
      () => fired++,
      timers,
    );
    s.reschedule();
    s.reschedule();
    expect([...armed.values()].map((t) => t.ms)).toEqual([4_000]);
    [...armed.values()][0]?.fn();
    expect(fired).toBe(1);
    expect(s.armed).toBe(false);
    due = null;
    s.reschedule();
    expect(armed.size).toBe(0);
  });

  it("waits at least 20 ms for a page already due, and stops for good on close", () => {
    const { timers, armed } = fakeTimers();
    const s = new TourScheduler(
      () => 0,
      () => 1_000,
      () => undefined,
      timers,
    );
    s.reschedule();
    expect([...armed.values()].map((t) => t.ms)).toEqual([20]);
    s.close();
    expect(armed.size).toBe(0);
    s.reschedule();
    expect(armed.size).toBe(0);
  });

  it("fires with real timers (unref'd, cleared on close)", async () => {
    let now = 0;
    const fired = new Promise<void>((resolve) => {
      const s = new TourScheduler(
        () => now + 30,
        () => now,
        () => {
          s.close();
          resolve();
        },
      );
      s.reschedule();
    });
    now = 0;
    await fired;
  });
});
