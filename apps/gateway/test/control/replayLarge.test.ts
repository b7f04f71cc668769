// Start-up from a large journal: the file is generated directly (10 k alarms raised with their
// obligations, 80 k repeats: 100 k events), then the core opens it (scan + replay into every projection,
// the control state included); its clean shutdown writes a state snapshot, and the next open restores it
// and folds only what came after. Behaviour only: how long a million events take is the bench's
// (`npm run bench -- replay`, docs/benchmarks.md, target ≤ 5 s), not a timed test.
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { makeConfig } from "../../src/config";
import { openCore } from "../../src/core";
import { createLogger } from "../../src/log";

const N = 100_000;
const ALARMS = 10_000;

async function writeJournal(dir: string): Promise<void> {
  await mkdir(join(dir, "journal"), { recursive: true });
  const out = createWriteStream(join(dir, "journal", "events.jsonl"));
  const t0 = 1_750_000_000_000;
  let seq = 0;
  let lines: string[] = [];
  const push = (type: string, actor: string | null, data: unknown) => {
    seq++;
    lines.push(JSON.stringify({ seq, at: t0 + seq, type, actor, data }));
  };
  const flush = async () => {
    if (!out.write(`${lines.join("\n")}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
    lines = [];
  };
  for (let i = 0; i < ALARMS; i++) {
    const id = `a${i}`;
    push("alarm.raised", "feed:pj", {
      id,
      prisonId: "pj",
      sourceId: `s${i}`,
      origin: "feed",
      type: "gathering",
      severity: 3,
      occurredAt: t0,
      blockId: "pj-b1",
      subBlockId: null,
      cameraId: null,
      title: null,
      description: null,
      snapshot: null,
    });
    push("obligation.opened", "system", {
      obligation: {
        id: `ack.${id}`,
        kind: "alarm.ack",
        subject: id,
        owner: "pj",
        prisonId: "pj",
        openedAt: t0,
        yellowAt: t0 + 6e5,
        redAt: t0 + 18e5,
        escalation: [{ afterMs: 0, to: "commander" }],
        light: "green",
        escalatedTo: [],
        status: "open",
        fulfilledAt: null,
      },
    });
    for (let r = 0; r < 8; r++)
      push("alarm.repeated", "feed:pj", { id, sourceId: `s${i}`, count: r + 2, occurredAt: t0 + r });
    if (lines.length >= 10_000) await flush();
  }
  await flush();
  await new Promise((r) => out.end(r));
  expect(seq).toBe(N);
}

it("opens a journal of 100 k events (scan + replay into the projections), then restores from its snapshot", {
  timeout: 240_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "cw-1m-"));
  try {
    await writeJournal(dir);
    const open = async () => {
      const core = await openCore({
        config: makeConfig({ dataDir: dir, logLevel: "silent", demoPassword: "x-password" }),
        log: createLogger("silent"),
      });
      return { core };
    };
    const first = await open();
    let snapshotSeq = 0;
    try {
      expect(first.core.snapshots.restoredSeq).toBe(0);
      expect(first.core.eventLog.lastSeq).toBeGreaterThanOrEqual(N); // + what start-up itself appends (the day's inspection draw)
      expect(Object.keys(first.core.features.alarms.plane.projection.state.alarms.byId)).toHaveLength(ALARMS);
      expect(first.core.features.alarms.plane.projection.state.alarms.byId.a7?.count).toBe(9);
    } finally {
      snapshotSeq = first.core.eventLog.lastSeq;
      await first.core.close(); // a clean shutdown after a million unsnapshotted events writes a snapshot
    }
    const second = await open();
    try {
      expect(second.core.snapshots.restoredSeq).toBe(snapshotSeq);
      expect(Object.keys(second.core.features.alarms.plane.projection.state.alarms.byId)).toHaveLength(ALARMS);
      expect(second.core.features.alarms.plane.projection.state.alarms.byId.a7?.count).toBe(9);
      expect(second.core.features.audit.index.size).toBe(second.core.eventLog.lastSeq);
    } finally {
      await second.core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
