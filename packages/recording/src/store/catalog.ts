// What is on disk, in memory: per stream key, its recording files sorted by start time, and the total
// bytes. A 30-day timeline is a binary search and a walk over at most a few thousand entries, never a disk
// read. Owns the sorting and the byte total; never does I/O (the store keeps it in step with the disk).

export interface StoredFile {
  start: number;
  /** End of its last indexed segment (wall ms); grows while the file is open. */
  end: number;
  /** Bytes of the media file that the index covers (init included). */
  bytes: number;
  sealed: boolean;
}

export interface Span {
  from: number;
  to: number;
}

export class Catalog {
  private readonly streams = new Map<string, StoredFile[]>();
  private bytes = 0;

  get totalBytes(): number {
    return this.bytes;
  }

  keys(): string[] {
    return [...this.streams.keys()];
  }

  files(key: string): readonly StoredFile[] {
    return this.streams.get(key) ?? [];
  }

  add(key: string, file: StoredFile): void {
    let list = this.streams.get(key);
    if (!list) {
      list = [];
      this.streams.set(key, list);
    }
    let i = list.length;
    while (i > 0 && list[i - 1]!.start > file.start) i--; // nearly always appended at the end
    list.splice(i, 0, file);
    this.bytes += file.bytes;
  }

  /** The open file grew (a segment was indexed). */
  grow(file: StoredFile, end: number, bytes: number): void {
    this.bytes += bytes - file.bytes;
    file.end = end;
    file.bytes = bytes;
  }

  remove(key: string, start: number): StoredFile | null {
    const list = this.streams.get(key);
    if (!list) return null;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]?.start === start ? this.removeAt(key, list, lo) : null;
  }

  /** Files of `key` that overlap [from, to), oldest first. */
  overlapping(key: string, from: number, to: number): StoredFile[] {
    const list = this.streams.get(key);
    if (!list) return [];
    const out: StoredFile[] = [];
    for (let i = firstEndingAfter(list, from); i < list.length; i++) {
      const f = list[i]!;
      if (f.start >= to) break;
      if (f.end > from) out.push(f);
    }
    return out;
  }

  private removeAt(key: string, list: StoredFile[], i: number): StoredFile {
    const [f] = list.splice(i, 1);
    this.bytes -= f!.bytes;
    if (list.length === 0) this.streams.delete(key);
    return f!;
  }
}

/**
 * The first index whose file ends after `ms`. Files of one stream never overlap (a new one starts where
 * the last ended or later), so ends are sorted like starts.
 */
function firstEndingAfter(list: readonly StoredFile[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end > ms) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Recorded spans within [from, to): files closer than `joinMs` are one span (a file boundary is not a
 * gap; a source that stopped is). Pure.
 */
export function spansOf(files: readonly StoredFile[], from: number, to: number, joinMs: number): Span[] {
  const out: Span[] = [];
  for (const f of files) {
    const a = Math.max(f.start, from);
    const b = Math.min(f.end, to);
    if (b <= a) continue;
    const last = out[out.length - 1];
    if (last && a - last.to <= joinMs) last.to = Math.max(last.to, b);
    else out.push({ from: a, to: b });
  }
  return out;
}
