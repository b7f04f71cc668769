// The file journal: the shared contract, torn-line recovery, refusal of corrupted history, and the
// group commit.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { journalFileName, openJournal } from "../../src/eventlog/journal";
import { eventLogContract } from "./contract";

/** Runs `body` in a fresh temporary directory and removes it afterwards, pass or fail. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cw-j-"));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

eventLogContract("file journal", (dir) => openJournal({ dir }));

describe("file journal recovery", () => {
  const line = (seq: number) => JSON.stringify({ seq, at: seq, type: "t", actor: null, data: { seq } });

  it("cuts a torn last line with a warning and appends after it", async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, journalFileName), `${line(1)}\n${line(2)}\n{"seq":3,"at":3,"ty`);
      const warnings: string[] = [];
      const log = await openJournal({ dir, log: { warn: (_o, m) => warnings.push(m), error: () => undefined } });
      expect(log.lastSeq).toBe(2);
      expect(warnings).toHaveLength(1);
      await log.append([{ type: "t", actor: null, data: 3 }]);
      await log.close();
      const lines = readFileSync(join(dir, journalFileName), "utf8").trimEnd().split("\n");
      expect(lines.map((l) => JSON.parse(l).seq)).toEqual([1, 2, 3]);
    });
  });

  it.each([
    ["a bad middle line", () => `${line(1)}\nnot json\n${line(3)}\n`, "line 2: not valid JSON"],
    ["a seq gap", () => `${line(1)}\n${line(3)}\n${line(4)}\n`, "line 2: seq 3 where 2 was expected"],
    ["a missing type", () => `${JSON.stringify({ seq: 1, at: 1, actor: null, data: 1 })}\n${line(2)}\n`, "line 1"],
  ])("refuses to open with %s, naming the line", async (_name, content, message) => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, journalFileName), content());
      await expect(openJournal({ dir })).rejects.toThrow(message);
      // History is left as it was.
      expect(readFileSync(join(dir, journalFileName), "utf8")).toBe(content());
    });
  });

  it("group-commits appends of one tick into one write", async () => {
    await inTempDir(async (dir) => {
      const log = await openJournal({ dir });
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => log.append([{ type: "g", actor: null, data: i }])),
      );
      expect(results.map((r) => r[0]!.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      await log.close();
      appendFileSync(join(dir, journalFileName), ""); // the file is complete and newline-terminated
      const text = readFileSync(join(dir, journalFileName), "utf8");
      expect(text.endsWith("\n")).toBe(true);
      expect(text.split("\n").filter(Boolean)).toHaveLength(200);
    });
  });
});

describe("file journal line index (a snapshot's hint)", () => {
  const events = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({ type: "t", actor: null, data: { i: from + i, s: "报警".repeat(i % 4) } }));
  const readAll = async (log: Awaited<ReturnType<typeof openJournal>>) => {
    const out: number[] = [];
    for await (const e of log.read(0)) out.push((e.data as { i: number }).i);
    return out;
  };
  const quiet = () => {
    const warnings: string[] = [];
    return { warnings, log: { warn: (_o: object, m: string) => warnings.push(m), error: () => undefined } };
  };

  it("reopens from the index, checking only the lines after it; reads and gets stay exact", async () => {
    await inTempDir(async (dir) => {
      const first = await openJournal({ dir });
      await first.append(events(40));
      const hint = first.hint?.();
      await first.append(events(10, 40)); // after the index: still checked at the next open
      await first.close();
      const w = quiet();
      const again = await openJournal({ dir, hint, log: w.log });
      expect(w.warnings).toEqual([]);
      expect(again.lastSeq).toBe(50);
      expect(await readAll(again)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect((await again.get([1, 40, 41, 50])).map((e) => (e.data as { i: number }).i)).toEqual([0, 39, 40, 49]);
      await again.append(events(1, 50));
      expect((await again.get([51]))[0]?.seq).toBe(51);
      await again.close();
    });
  });

  it("a line after the index is still checked; an index that does not fit the file is ignored", async () => {
    await inTempDir(async (dir) => {
      const first = await openJournal({ dir });
      await first.append(events(5));
      const hint = first.hint?.() as { seq: number; bytes: number; offsets: Float64Array };
      await first.close();
      const path = join(dir, journalFileName);
      const good = readFileSync(path, "utf8");
      // A bad middle line after the index stops the open, naming it.
      appendFileSync(
        path,
        `{"seq":7,"at":1,"type":"t","actor":null,"data":1}\n{"seq":8,"at":1,"type":"t","actor":null,"data":1}\n`,
      );
      await expect(openJournal({ dir, hint })).rejects.toThrow("seq 7 where 6 was expected");
      // An index from another file (longer than this one, or another seq at its end): full check, warned.
      writeFileSync(path, good.split("\n").slice(0, 3).join("\n") + "\n");
      const w = quiet();
      const shorter = await openJournal({ dir, hint, log: w.log });
      expect(shorter.lastSeq).toBe(3);
      expect(w.warnings.join()).toContain("line index");
      await shorter.close();
      const w2 = quiet();
      const bogus = { ...hint, offsets: new Float64Array(hint.offsets).fill(0) };
      writeFileSync(path, good);
      const other = await openJournal({ dir, hint: bogus, log: w2.log });
      expect(other.lastSeq).toBe(5);
      expect(w2.warnings.join()).toContain("line index");
      await other.close();
    });
  });
});
