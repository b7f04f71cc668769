// State snapshot files: DATA_DIR/state/state-<seq>.v8, the projections' state after event <seq> in V8's
// structured-clone format (Maps, Sets, typed arrays and plain data round-trip; fast both ways). Written
// durably (durableFile.ts): a crash leaves the old snapshot or the new one, never half of one. The two newest are kept. A snapshot is only ever a cache of the log:
// any file that does not read back whole is skipped (the start replays more of the log instead).
import { readFileSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { isDurableTemp, writeFileDurably } from "../durableFile";

/** Bump when any part's snapshot shape or fold changes meaning: older snapshots are then ignored. */
export const SNAPSHOT_FORMAT = 6; // 3: one actor spelling; 4: parts named after the features; 5: users; 6: audit by camera and prison, camera groups

export interface StateSnapshot {
  format: number;
  /** Hash of what the folds depend on besides the log (catalogue base, config): see fingerprint(). */
  fingerprint: string;
  /** The last event folded into it. */
  seq: number;
  /** `seq|at|type|actor` of that event: proves the snapshot belongs to this log. */
  mark: string;
  takenAt: number;
  parts: Record<string, unknown>;
  /** The log's hint (EventLog.hint: the journal's line index), handed back when the log is opened. */
  log?: unknown;
}

const NAME = /^state-(\d+)\.v8$/;
const KEEP = 2;

export const snapshotName = (seq: number): string => `state-${String(seq).padStart(12, "0")}.v8`;

export function eventMark(e: { seq: number; at: number; type: string; actor: string | null }): string {
  return `${e.seq}|${e.at}|${e.type}|${e.actor ?? ""}`;
}

/** Serialises (synchronously: the state must not change meanwhile) and returns the bytes. */
export function encodeSnapshot(s: StateSnapshot): Buffer {
  return serialize(s);
}

/** Writes encoded bytes durably as the snapshot of `seq`; prunes all but the newest two. */
export async function writeSnapshotFile(dir: string, seq: number, bytes: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const final = await writeFileDurably(dir, snapshotName(seq), bytes, 0o600);
  // One writer at a time (the Snapshotter): any temporary file left here is from a crash mid-write.
  const names = await readdir(dir);
  const kept = names.filter((n) => NAME.test(n)).sort();
  for (const old of kept.slice(0, -KEEP)) await rm(join(dir, old), { force: true });
  for (const n of names) if (isDurableTemp(n)) await rm(join(dir, n), { force: true }).catch(() => undefined);
  return final;
}

export interface SnapshotCandidate {
  path: string;
  snapshot: StateSnapshot | null;
  /** Why it cannot be used (unreadable, another format or fingerprint). */
  problem: string | null;
}

/** The snapshots in dir, newest first, each decoded and checked against format and fingerprint. */
export async function* snapshotCandidates(dir: string, fingerprint: string): AsyncGenerator<SnapshotCandidate> {
  let names: string[];
  try {
    names = (await readdir(dir))
      .filter((n) => NAME.test(n))
      .sort()
      .reverse();
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    let snapshot: StateSnapshot;
    try {
      // Synchronous: this runs at start, before anything else needs the event loop.
      snapshot = deserialize(readFileSync(path)) as StateSnapshot;
    } catch (err) {
      yield { path, snapshot: null, problem: `unreadable: ${(err as Error).message}` };
      continue;
    }
    if (typeof snapshot !== "object" || snapshot === null || snapshot.format !== SNAPSHOT_FORMAT) {
      yield { path, snapshot: null, problem: `format ${String(snapshot?.format)} is not ${SNAPSHOT_FORMAT}` };
    } else if (snapshot.fingerprint !== fingerprint) {
      yield { path, snapshot: null, problem: "taken with another catalogue or configuration" };
    } else {
      yield { path, snapshot, problem: null };
    }
  }
}

/** The candidates with one already read put back in front (the core reads the newest before the log). */
export async function* withFirst(
  first: IteratorResult<SnapshotCandidate>,
  rest: AsyncIterator<SnapshotCandidate>,
): AsyncGenerator<SnapshotCandidate> {
  if (first.done) return;
  yield first.value;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}
