// RenderQueue: one job at a time, urgent first, deduplicated, closable.
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
  it("runs one job at a time; urgent requests jump ahead of queued prewarming", async () => {
    const q = new RenderQueue();
    const order: string[] = [];
    const first = gate();
    const job = (name: string, wait?: Promise<void>) => async () => {
      order.push(name);
      await wait;
    };
    const all = [
      q.request("a", job("a", first.p), false),
      q.request("b", job("b"), false),
      q.request("c", job("c"), false),
      q.request("urgent", job("urgent"), true),
    ];
    expect(order).toEqual(["a"]);
    expect(q.pending).toBe(4);
    first.open();
    await Promise.all(all);
    expect(order).toEqual(["a", "urgent", "b", "c"]);
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
      (signal) =>
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
