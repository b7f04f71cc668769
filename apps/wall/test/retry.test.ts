// fetchUntilAnswered: tried again on the schedule until it answers, once; nothing after cancel.
import { describe, expect, it } from "vitest";
import { fetchUntilAnswered, type RetryTimers } from "../src/api/retry";

/** Timers run by hand: `fire()` runs the pending one and says how long it was set for. */
function manualTimers() {
  const pending: Array<{ fn: () => void; ms: number; id: number }> = [];
  let next = 0;
  const timers: RetryTimers = {
    setTimeout: (fn, ms) => {
      pending.push({ fn, ms, id: ++next });
      return next;
    },
    clearTimeout: (h) => {
      const i = pending.findIndex((p) => p.id === h);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  const fire = (): number | undefined => {
    const t = pending.shift();
    t?.fn();
    return t?.ms;
  };
  return { timers, fire, pending };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("fetchUntilAnswered", () => {
  it("waits 1, 2, 5, then 10 s between failures and hands over the first answer once", async () => {
    const { timers, fire, pending } = manualTimers();
    const outcomes = [false, false, false, false, false, true];
    let calls = 0;
    const got: string[] = [];
    fetchUntilAnswered(
      () => (outcomes[calls++] ? Promise.resolve("prisons") : Promise.reject(new Error("503"))),
      (v) => got.push(v),
      undefined,
      timers,
    );
    const waits: Array<number | undefined> = [];
    for (let i = 0; i < 5; i++) {
      await settle();
      waits.push(fire());
    }
    await settle();
    expect(waits).toEqual([1_000, 2_000, 5_000, 10_000, 10_000]);
    expect(got).toEqual(["prisons"]);
    expect(calls).toBe(6);
    expect(pending).toHaveLength(0);
  });

  it("after cancel: no retry is pending and a late answer is dropped", async () => {
    const { timers, pending } = manualTimers();
    let answer: (v: string) => void = () => undefined;
    const got: string[] = [];
    const cancel = fetchUntilAnswered(
      () => new Promise<string>((r) => (answer = r)),
      (v) => got.push(v),
      undefined,
      timers,
    );
    cancel();
    answer("late");
    await settle();
    expect(got).toEqual([]);

    const failing = fetchUntilAnswered(
      () => Promise.reject(new Error("down")),
      () => undefined,
      [50],
      timers,
    );
    await settle();
    expect(pending).toHaveLength(1);
    failing();
    expect(pending).toHaveLength(0);
  });
});
