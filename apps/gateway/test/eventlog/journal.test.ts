// The file journal: the shared contract, torn-line recovery, refusal of corrupted history, and the
// group commit.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { journalFileName, openJournal } from "../../src/eventlog/journal";
import { eventLogContract } from "./contract";

eventLogContract("file journal", (dir) => openJournal({ dir }));

describe("file journal recovery", () => {
  const line = (seq: number) => JSON.stringify({ seq, at: seq, type: "t", actor: null, data: { seq } });

  it("cuts a torn last line with a warning and appends after it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-j-"));
    try {
      writeFileSync(join(dir, journalFileName), `${line(1)}\n${line(2)}\n{"seq":3,"at":3,"ty`);
      const warnings: string[] = [];
      const log = await openJournal({ dir, log: { warn: (_o, m) => warnings.push(m), error: () => undefined } });
      expect(log.lastSeq).toBe(2);
      expect(warnings).toHaveLength(1);
      await log.append([{ type: "t", actor: null, data: 3 }]);
      await log.close();
      const lines = readFileSync(join(dir, journalFileName), "utf8").trimEnd().split("\n");
      expect(lines.map((l) => JSON.parse(l).seq)).toEqual([1, 2, 3]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["a bad middle line", () => `${line(1)}\nnot json\n${line(3)}\n`, "line 2: not valid JSON"],
    ["a seq gap", () => `${line(1)}\n${line(3)}\n${line(4)}\n`, "line 2: seq 3 where 2 was expected"],
    ["a missing type", () => `${JSON.stringify({ seq: 1, at: 1, actor: null, data: 1 })}\n${line(2)}\n`, "line 1"],
  ])("refuses to open with %s, naming the line", async (_name, content, message) => {
    const dir = mkdtempSync(join(tmpdir(), "cw-j-"));
    try {
      writeFileSync(join(dir, journalFileName), content());
      await expect(openJournal({ dir })).rejects.toThrow(message);
      // History is left as it was.
      expect(readFileSync(join(dir, journalFileName), "utf8")).toBe(content());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("group-commits appends of one tick into one write", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-j-"));
    try {
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
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
