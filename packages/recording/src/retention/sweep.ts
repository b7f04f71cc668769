// One retention sweep over a recording store: first every file past its stream's keep time, then — while
// the store is over its quota — the oldest files of any stream. Files that touch evidence are never
// deleted; an open file never is. The sweep yields to the event loop every `batch` files it looks at, and
// every deletion awaits the disk, so a sweep over 30 days × 100 cameras never holds the loop for long.
// Owns the order of deletion; never decides what is evidence or how long a plan keeps footage.
import { setImmediate as yieldLoop } from "node:timers/promises";
import type { StoredFile } from "../store/catalog";
import type { RecordingStore } from "../store/store";
import type { ProtectedLookup } from "./protectedSpans";

export interface RetentionRules {
  /** How long a stream's files are kept after they end (ms); Infinity keeps them until the quota. */
  keepMs(key: string): number;
  evidence: ProtectedLookup;
}

export interface SweepOptions {
  now: number;
  /** Delete oldest-first until the store is at or under this many bytes. Infinity: no quota. */
  quotaBytes: number;
  /** Only the quota phase (the cheap check that runs often). */
  quotaOnly?: boolean;
  /** Files looked at between yields to the event loop. Default 256. */
  batch?: number;
}

export interface SweepResult {
  deletedByAge: number;
  deletedByQuota: number;
  freedBytes: number;
  /** Still over quota after deleting everything deletable (all that is left is evidence or open). */
  overQuota: boolean;
}

export async function sweep(store: RecordingStore, rules: RetentionRules, o: SweepOptions): Promise<SweepResult> {
  const out: SweepResult = { deletedByAge: 0, deletedByQuota: 0, freedBytes: 0, overQuota: false };
  const batch = o.batch ?? 256;
  let looked = 0;
  const tick = async (): Promise<void> => {
    if (++looked % batch === 0) await yieldLoop();
  };
  const deletable = (key: string, f: StoredFile): boolean => f.sealed && !rules.evidence.overlaps(key, f.start, f.end);
  const remove = async (key: string, f: StoredFile): Promise<boolean> => {
    const ok = await store.remove(key, f.start);
    if (ok) out.freedBytes += f.bytes;
    return ok;
  };

  if (!o.quotaOnly) {
    for (const key of store.catalog.keys()) {
      const cutoff = o.now - rules.keepMs(key);
      if (!Number.isFinite(cutoff)) continue;
      // Oldest first; stop at the first file that is still young enough (files of a stream never overlap).
      for (const f of [...store.catalog.files(key)]) {
        await tick();
        if (f.end >= cutoff) break;
        if (deletable(key, f) && (await remove(key, f))) out.deletedByAge++;
      }
    }
  }

  if (store.catalog.totalBytes > o.quotaBytes) {
    // Oldest across every stream: one cursor per stream, skipping what cannot go.
    const cursors = new Map<string, { files: StoredFile[]; i: number }>();
    for (const key of store.catalog.keys()) cursors.set(key, { files: [...store.catalog.files(key)], i: 0 });
    while (store.catalog.totalBytes > o.quotaBytes) {
      let bestKey: string | null = null;
      let best: StoredFile | null = null;
      for (const [key, c] of cursors) {
        while (c.i < c.files.length && !deletable(key, c.files[c.i]!)) {
          c.i++;
          await tick();
        }
        const f = c.files[c.i];
        if (f && (!best || f.start < best.start)) {
          best = f;
          bestKey = key;
        }
      }
      if (!best || bestKey === null) break;
      cursors.get(bestKey)!.i++;
      await tick();
      if (await remove(bestKey, best)) out.deletedByQuota++;
    }
    out.overQuota = store.catalog.totalBytes > o.quotaBytes;
  }
  return out;
}
