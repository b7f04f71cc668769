// Random recall (随机调取): pick cameras to fill a layout from as many different prisons as possible.
// Owns: the choice only. Randomness is injected (rng) so a recall is reproducible in tests; it must
// never read the clock, Math.random, the store or the network.

export interface RecallCandidate {
  id: string;
  prisonId: string;
  kind: string;
  /** Stream state as last reported; anything but "offline" is eligible (idle cameras start on demand). */
  state: string;
}

export interface RecallOptions {
  /** Tiles to fill. */
  count: number;
  /** Only these camera kinds (empty or absent: all kinds). */
  kinds?: readonly string[];
  /** Only these prisons (empty or absent: all prisons). */
  prisonIds?: readonly string[];
  /** Uniform in [0, 1). */
  rng: () => number;
}

function shuffle<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const a = items[i]!;
    items[i] = items[j]!;
    items[j] = a;
  }
  return items;
}

/**
 * Returns up to `count` distinct camera ids. The first round takes one camera from each of
 * min(count, prisons) different prisons; when there are more tiles than prisons, later rounds go
 * round the prisons again so every tile still gets a picture.
 */
export function pickRecall(cameras: readonly RecallCandidate[], options: RecallOptions): string[] {
  const { count, rng } = options;
  if (count <= 0) return [];
  const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
  const prisons = options.prisonIds && options.prisonIds.length > 0 ? new Set(options.prisonIds) : null;

  const byPrison = new Map<string, RecallCandidate[]>();
  for (const c of cameras) {
    if (c.state === "offline") continue;
    if (kinds && !kinds.has(c.kind)) continue;
    if (prisons && !prisons.has(c.prisonId)) continue;
    const list = byPrison.get(c.prisonId);
    if (list) list.push(c);
    else byPrison.set(c.prisonId, [c]);
  }
  // Sort before shuffling so the result depends only on the rng, not on input order of the map.
  const queues = shuffle(
    [...byPrison.keys()].sort().map((p) =>
      shuffle(
        [...byPrison.get(p)!].sort((a, b) => (a.id < b.id ? -1 : 1)),
        rng,
      ),
    ),
    rng,
  );

  const picked: string[] = [];
  const seen = new Set<string>();
  while (picked.length < count) {
    let progressed = false;
    for (const queue of queues) {
      if (picked.length >= count) break;
      let next = queue.shift();
      while (next && seen.has(next.id)) next = queue.shift();
      if (!next) continue;
      seen.add(next.id);
      picked.push(next.id);
      progressed = true;
    }
    if (!progressed) break;
  }
  return picked;
}
