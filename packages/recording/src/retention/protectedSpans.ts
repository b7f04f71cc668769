// Spans retention must never delete (evidence: alarm clips and spans marked by users), per stream key,
// kept as a sorted union so "does this file touch evidence?" is one binary search. Pure; the gateway's
// evidence projection fills it from the log.
import type { Span } from "../store/catalog";

export interface ProtectedLookup {
  overlaps(key: string, from: number, to: number): boolean;
}

export class ProtectedSpans implements ProtectedLookup {
  private readonly byKey = new Map<string, Span[]>();

  add(key: string, from: number, to: number): void {
    if (!(to > from)) return;
    const list = this.byKey.get(key) ?? [];
    // Merge the new span with every span it touches; the list stays sorted and disjoint.
    const i = firstEndingAtOrAfter(list, from);
    let a = from;
    let b = to;
    let n = 0;
    while (i + n < list.length && list[i + n]!.from <= b) {
      a = Math.min(a, list[i + n]!.from);
      b = Math.max(b, list[i + n]!.to);
      n++;
    }
    list.splice(i, n, { from: a, to: b });
    this.byKey.set(key, list);
  }

  overlaps(key: string, from: number, to: number): boolean {
    const list = this.byKey.get(key);
    if (!list) return false;
    const s = list[firstEndingAtOrAfter(list, from + 1)];
    return s !== undefined && s.from < to && s.to > from;
  }

  spans(key: string): readonly Span[] {
    return this.byKey.get(key) ?? [];
  }
}

function firstEndingAtOrAfter(list: readonly Span[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.to >= ms) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
