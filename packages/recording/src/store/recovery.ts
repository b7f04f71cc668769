// What a start finds in a stream's directory, made consistent: sealed files are taken from their names;
// a file that was open when the gateway died (kill -9, crash, power cut) is cut back to its last complete,
// indexed segment and sealed; an index without its media file, a media file without an index, or a file
// with no complete segment is removed. Owns that decision; never touches a sealed file's bytes.
import type { StoredFile } from "./catalog";
import type { Disk } from "./disk";
import { mediaName, openIndexName, parseIndexName, parseMediaName, sealedIndexName } from "./fileNames";
import { decodeRecords, RECORD_BYTES } from "./indexRecord";

export interface ScanResult {
  files: StoredFile[];
  /** Open files cut back and sealed. */
  recovered: number;
  /** Files removed as incomplete or orphaned. */
  removed: number;
}

export async function scanStream(disk: Disk, dir: string): Promise<ScanResult> {
  const names = await disk.readdir(dir);
  const media = new Set<number>();
  for (const n of names) {
    const start = parseMediaName(n);
    if (start !== null) media.add(start);
  }
  const out: ScanResult = { files: [], recovered: 0, removed: 0 };
  const indexed = new Set<number>();
  for (const n of names) {
    const p = parseIndexName(n);
    if (!p) continue;
    if (!media.has(p.start)) {
      await disk.unlink(`${dir}/${n}`);
      out.removed++;
      continue;
    }
    indexed.add(p.start);
    if (p.sealed) {
      out.files.push({ start: p.start, end: p.sealed.end, bytes: p.sealed.bytes, sealed: true });
      continue;
    }
    const f = await recoverOpen(disk, dir, p.start);
    if (f) {
      out.files.push(f);
      out.recovered++;
    } else out.removed++;
  }
  for (const start of media) {
    if (indexed.has(start)) continue;
    await disk.unlink(`${dir}/${mediaName(start)}`); // created, but died before its index was
    out.removed++;
  }
  out.files.sort((a, b) => a.start - b.start);
  return out;
}

/** Cuts an open file back to its last complete segment and seals it; null when nothing complete is left. */
async function recoverOpen(disk: Disk, dir: string, start: number): Promise<StoredFile | null> {
  const idxPath = `${dir}/${openIndexName(start)}`;
  const mediaPath = `${dir}/${mediaName(start)}`;
  const { records } = decodeRecords(await disk.readFile(idxPath));
  const size = (await disk.size(mediaPath)) ?? 0;
  let n = 0;
  while (n < records.length && records[n]!.offset + records[n]!.length <= size) n++;
  // The last kept record must point at a fragment (moof) — the index is written after the bytes, so this
  // only fails if the disk lost data the kernel had acknowledged (a power cut); then drop that record too.
  while (n > 0 && !(await isFragment(disk, mediaPath, records[n - 1]!.offset))) n--;
  if (n === 0) {
    await disk.unlink(idxPath);
    await disk.unlink(mediaPath);
    return null;
  }
  const last = records[n - 1]!;
  const bytes = last.offset + last.length;
  const media = await disk.openExisting(mediaPath);
  const index = await disk.openExisting(idxPath);
  try {
    await media.truncate(bytes);
    await index.truncate(n * RECORD_BYTES);
    await media.sync();
    await index.sync();
  } finally {
    await media.close();
    await index.close();
  }
  const end = last.startMs + last.durationMs;
  await disk.rename(idxPath, `${dir}/${sealedIndexName(start, end, bytes)}`);
  return { start, end, bytes, sealed: true };
}

async function isFragment(disk: Disk, path: string, offset: number): Promise<boolean> {
  const head = await disk.read(path, offset, 8);
  return head.length === 8 && head.toString("latin1", 4, 8) === "moof";
}
