// The spare ffmpegs' bookkeeping with fake children (this module's unit test; the real ffmpegs are in
// transcoder.test.ts): a spare per profile, handed to the next transcode of its profile and started again
// after the refill delay; none while the budget is full; one that dies while waiting is replaced a few
// times only; close() ends them.
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { OwnedChild } from "../../src/sources/child-process";
import { SpareFfmpegs } from "../../src/transcode/spares";

interface Fake extends OwnedChild {
  args: string[];
  exit(code: number | null): void;
}

let pid = 100;
let spawned: Fake[] = [];

function fake(args: string[]): Fake {
  const proc = Object.assign(new EventEmitter(), { pid: pid++, exitCode: null as number | null, signalCode: null });
  let exit!: (code: number | null) => void;
  const exited = new Promise<number | null>((res) => {
    exit = (code) => {
      proc.exitCode = code ?? 0;
      res(code);
    };
  });
  const f: Fake = {
    args,
    proc: proc as unknown as OwnedChild["proc"],
    exited,
    stderrTail: () => "",
    stop: async () => exit(null),
    exit,
  };
  spawned.push(f);
  return f;
}

const SUB = ["-i", "pipe:0", "sub"];
const MAIN = ["-i", "pipe:0", "main"];
const running = (): string[] => spawned.filter((f) => f.proc.exitCode === null).map((f) => f.args[2] ?? "");
const settle = async (ms: number) => {
  await vi.advanceTimersByTimeAsync(ms);
};

beforeEach(() => {
  vi.useFakeTimers();
  spawned = [];
});
afterEach(() => {
  vi.useRealTimers();
});

it("one spare per profile; the next transcode takes it, and another is started after the refill delay", async () => {
  const s = new SpareFfmpegs({ spawn: fake, max: 4, refillMs: 3000 });
  s.keep(SUB);
  s.keep(MAIN);
  await settle(0);
  expect(running()).toEqual(["sub", "main"]);
  const spare = spawned[0]!;
  expect(s.take(SUB)).toBe(spare); // no new process for this cold start
  expect(spawned).toHaveLength(2);
  await settle(2999);
  expect(spawned).toHaveLength(2); // nothing starts while the cold start runs
  await settle(1);
  expect(running()).toEqual(["sub", "main", "sub"]);
  expect(s.waiting()).toEqual([spawned[1]!.proc.pid, spawned[2]!.proc.pid]);
  await s.close();
  expect(running()).toEqual(["sub"]); // the transcode that took a spare is its source's to stop
});

it("no spare while the budget is full; again once a transcode ends", async () => {
  const s = new SpareFfmpegs({ spawn: fake, max: 2, refillMs: 1000 });
  s.keep(SUB);
  s.keep(MAIN);
  await settle(0);
  const a = s.take(SUB) as Fake;
  await settle(1000);
  expect(running()).toEqual(["sub", "main", "sub"]);
  const b = s.take(MAIN) as Fake; // 2 of 2 in use: the waiting sub spare could not be used
  expect(running()).toEqual(["sub", "main"]);
  expect(s.waiting()).toEqual([]);
  await settle(5000);
  expect(running()).toEqual(["sub", "main"]);
  a.exit(0);
  await settle(999);
  expect(s.waiting()).toEqual([]);
  await settle(1);
  expect(s.waiting()).toHaveLength(2); // 1 of 2 in use: room for one more, so both profiles wait again
  b.exit(0);
  await s.close();
  expect(running()).toEqual([]);
});

it("a spare that dies while waiting is replaced, a few times in a row at most (an ffmpeg that cannot start)", async () => {
  const s = new SpareFfmpegs({ spawn: fake, max: 4, refillMs: 100 });
  s.keep(SUB);
  for (let i = 0; i < 6; i++) {
    await settle(1000);
    spawned.at(-1)?.exit(1);
  }
  expect(spawned).toHaveLength(3);
  // A transcode still gets an ffmpeg of its own.
  expect(s.take(SUB).proc.exitCode).toBeNull();
  await s.close();
});
