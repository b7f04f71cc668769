// Durability: a child appends and prints each acknowledged seq; we SIGKILL it mid-stream, reopen the
// journal, and every acknowledged event must be there.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { openJournal } from "../../src/eventlog/journal";
import type { StoredEvent } from "../../src/eventlog/types";

// `node --import <tsx>`: one process. (The tsx CLI would spawn a grandchild that outlives the SIGKILL.)
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const appender = fileURLToPath(new URL("./appender.ts", import.meta.url));

it("keeps every acknowledged event through kill -9", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cw-kill-"));
  try {
    const child = spawn(process.execPath, ["--import", tsxLoader, appender, dir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const acked = new Set<number>();
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const l of lines) for (const s of l.split(" ").filter(Boolean)) acked.add(Number(s));
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_c, sig) => resolve(sig)));
    const deadline = Date.now() + 30_000;
    while (acked.size < 300) {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error(`the appender acknowledged only ${acked.size} events`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const log = await openJournal({ dir });
    const seqs: number[] = [];
    for await (const e of log.read(0) as AsyncIterable<StoredEvent>) seqs.push(e.seq);
    await log.close();
    const max = Math.max(...acked);
    expect(log.lastSeq).toBeGreaterThanOrEqual(max);
    const present = new Set(seqs);
    for (const s of acked) expect(present.has(s)).toBe(true);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
