// RenderQueue: urgent jobs never wait for background ones; background one at a time; deduplicated, closable.
import { describe, expect, it } from "vitest";
import { RenderQueue } from "../../src/sources/sim/render-queue";

function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => {
    open = r;
  });
  return { p, open };
}

describe("RenderQueue", () => {
  it("never makes a viewer wait for prewarming: urgent jobs start at once, background ones one at a time when idle", async () => {
    const q = new RenderQueue(2);
    const order: string[] = [];
    const lanes: Record<string, boolean> = {};
    const first = gate();
    const job =
      (name: string, wait?: Promise<void>) =>
      async ({ background }: { background: boolean }) => {
        order.push(name);
        lanes[name] = background;
        await wait;
      };
    const all = [
      q.request("a", job("a", first.p), false),
      q.request("b", job("b"), false),
      q.request("c", job("c"), false),
      q.request("urgent", job("urgent"), true),
    ];
    // "a" (background) is running; the urgent job starts beside it instead of waiting.
    expect(order).toEqual(["a", "urgent"]);
    expect(lanes).toEqual({ a: true, urgent: false });
    expect(q.pending).toBe(4);
    first.open();
    await Promise.all(all);
    expect(order).toEqual(["a", "urgent", "b", "c"]);
    expect(lanes.b).toBe(true);
  });

  it("runs at most `urgentSlots` urgent jobs at once and holds background work until they are done", async () => {
    const q = new RenderQueue(2);
    const started: string[] = [];
    const gates = [gate(), gate(), gate()];
    const urgent = (i: number) =>
      q.request(
        `u${i}`,
        async () => {
          started.push(`u${i}`);
          await gates[i]!.p;
        },
        true,
      );
    const done = [urgent(0), urgent(1), urgent(2), q.request("bg", async () => void started.push("bg"), false)];
    expect(started).toEqual(["u0", "u1"]);
    gates[0]!.open();
    await done[0];
    await new Promise((r) => setImmediate(r)); // the queue starts the next job once the finished one settles
    expect(started).toEqual(["u0", "u1", "u2"]);
    gates[1]!.open();
    gates[2]!.open();
    await Promise.all(done);
    expect(started.at(-1)).toBe("bg");
  });

  it("shares a queued job by key and moves it forward when it becomes urgent", async () => {
    const q = new RenderQueue();
    const order: string[] = [];
    const first = gate();
    let runs = 0;
    q.request("a", async () => void (await first.p), false);
    q.request("b", async () => void order.push("b"), false);
    const runC = async () => {
      runs++;
      order.push("c");
    };
    const c1 = q.request("c", runC, false);
    const c2 = q.request("c", runC, true);
    expect(c2).toBe(c1);
    first.open();
    await c1;
    expect(runs).toBe(1);
    expect(order[0]).toBe("c");
  });

  it("reports a failed job to its caller and keeps going", async () => {
    const q = new RenderQueue();
    await expect(q.request("x", async () => Promise.reject(new Error("boom")), false)).rejects.toThrow("boom");
    await expect(q.request("y", async () => {}, false)).resolves.toBeUndefined();
  });

  it("close() aborts the running job and rejects the waiting ones", async () => {
    const q = new RenderQueue();
    let aborted = false;
    const running = q.request(
      "a",
      ({ signal }) =>
        new Promise<void>((_r, reject) =>
          signal.addEventListener("abort", () => {
            aborted = true;
            reject(new Error("aborted"));
          }),
        ),
      false,
    );
    const waiting = q.request("b", async () => {}, false);
    await q.close();
    expect(aborted).toBe(true);
    await expect(running).rejects.toThrow("aborted");
    await expect(waiting).rejects.toThrow("closed");
    await expect(q.request("c", async () => {}, true)).rejects.toThrow("closed");
  });
});
