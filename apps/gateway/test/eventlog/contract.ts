// The EventLog contract suite: any implementation (file journal now, Redis Streams later) must pass it.
// Call eventLogContract(name, makeLog) from a test file; makeLog(dir) opens a log on persistent state
// identified by `dir` (reopening with the same dir must see the same events).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { EventLog, StoredEvent } from "../../src/eventlog/types";

async function readAll(log: EventLog, after = 0): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of log.read(after)) out.push(e);
  return out;
}

export function eventLogContract(name: string, makeLog: (dir: string) => Promise<EventLog>): void {
  describe(`EventLog contract: ${name}`, () => {
    const dirs: string[] = [];
    const open: EventLog[] = [];
    const fresh = async (dir = mkdtempSync(join(tmpdir(), "cw-log-"))) => {
      dirs.push(dir);
      const log = await makeLog(dir);
      open.push(log);
      return { log, dir };
    };
    afterEach(async () => {
      for (const l of open.splice(0)) await l.close();
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    });

    it("starts empty", async () => {
      const { log } = await fresh();
      expect(log.lastSeq).toBe(0);
      expect(await readAll(log)).toEqual([]);
      expect(await log.append([])).toEqual([]);
    });

    it("assigns gap-free seqs in append order and returns the stored events", async () => {
      const { log } = await fresh();
      const a = await log.append([{ type: "a", actor: "u1", data: { n: 1 }, at: 1000 }]);
      const b = await log.append([
        { type: "b", actor: null, data: [1, 2] },
        { type: "c", actor: "u2", data: "x" },
      ]);
      expect(a).toEqual([{ seq: 1, at: 1000, type: "a", actor: "u1", data: { n: 1 } }]);
      expect(b.map((e) => e.seq)).toEqual([2, 3]);
      expect(typeof b[0]?.at).toBe("number");
      expect(log.lastSeq).toBe(3);
      expect(await readAll(log)).toEqual([...a, ...b]);
      expect((await readAll(log, 2)).map((e) => e.seq)).toEqual([3]);
      expect(await readAll(log, 3)).toEqual([]);
    });

    it("keeps concurrent appends contiguous and ordered", async () => {
      const { log } = await fresh();
      const batches = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          log.append([
            { type: "x", actor: null, data: { i, part: 0 } },
            { type: "x", actor: null, data: { i, part: 1 } },
          ]),
        ),
      );
      for (const [i, batch] of batches.entries()) {
        expect(batch[1]!.seq).toBe(batch[0]!.seq + 1);
        expect(batch.map((e) => (e.data as { i: number }).i)).toEqual([i, i]);
      }
      const all = await readAll(log);
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    });

    it("tells subscribers every event, in order, before append resolves", async () => {
      const { log } = await fresh();
      const seen: number[] = [];
      const off = log.subscribe((e) => seen.push(e.seq));
      const p = log.append([{ type: "a", actor: null, data: 1 }]);
      const q = log.append([{ type: "b", actor: null, data: 2 }]);
      const [first] = await p;
      expect(seen).toContain(first!.seq);
      await q;
      expect(seen).toEqual([1, 2]);
      off();
      await log.append([{ type: "c", actor: null, data: 3 }]);
      expect(seen).toEqual([1, 2]);
    });

    it("replays everything after a reopen and continues the sequence", async () => {
      const { log, dir } = await fresh();
      await log.append([{ type: "a", actor: "x", data: { ok: true } }]);
      await log.append([{ type: "b", actor: null, data: null }]);
      await log.close();
      open.splice(open.indexOf(log), 1);
      const reopened = await makeLog(dir);
      open.push(reopened);
      expect(reopened.lastSeq).toBe(2);
      expect((await readAll(reopened)).map((e) => e.type)).toEqual(["a", "b"]);
      const [c] = await reopened.append([{ type: "c", actor: null, data: 0 }]);
      expect(c?.seq).toBe(3);
    });

    it("reads from any seq and fetches single events by seq, before and after a reopen (property)", async () => {
      const { log, dir } = await fresh();
      const many = Array.from({ length: 300 }, (_, i) => ({
        type: `t${i % 7}`,
        actor: i % 3 ? "u" : null,
        data: { i, s: "é".repeat(i % 5) },
      }));
      for (let i = 0; i < many.length; i += 50) await log.append(many.slice(i, i + 50));
      const check = async (l: EventLog) => {
        await fc.assert(
          fc.asyncProperty(
            fc.integer({ min: 0, max: 300 }),
            fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 8 }),
            async (after, seqs) => {
              const tail = await readAll(l, after);
              expect(tail.map((e) => e.seq)).toEqual(Array.from({ length: 300 - after }, (_, i) => after + i + 1));
              const got = await l.get(seqs);
              expect(got.map((e) => e.seq)).toEqual(seqs);
              for (const e of got) expect(e.data).toEqual(many[e.seq - 1]?.data);
            },
          ),
          { numRuns: 25 },
        );
      };
      await check(log);
      await log.close();
      open.splice(open.indexOf(log), 1);
      const reopened = await makeLog(dir);
      open.push(reopened);
      await check(reopened);
      await expect(reopened.get([301])).rejects.toThrow();
    });

    it("refuses appends after close", async () => {
      const { log } = await fresh();
      await log.close();
      open.splice(open.indexOf(log), 1);
      await expect(log.append([{ type: "a", actor: null, data: 1 }])).rejects.toThrow();
    });

    it("round-trips any JSON data (property)", async () => {
      const { log } = await fresh();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ type: fc.string({ minLength: 1, maxLength: 20 }), data: fc.jsonValue() }), {
            minLength: 1,
            maxLength: 5,
          }),
          async (events) => {
            const stored = await log.append(events.map((e) => ({ ...e, actor: "p" })));
            const back = await readAll(log, stored[0]!.seq - 1);
            expect(back.map((e) => e.data)).toEqual(stored.map((e) => JSON.parse(JSON.stringify(e.data))));
          },
        ),
        { numRuns: 40 },
      );
    });
  });
}
