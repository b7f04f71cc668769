// Counters in local-hour buckets: the figures' storage. Every fact (an alarm, a roll-call slot, an order
// receiver …) contributes named counts to the bucket of the local hour it started in and of its prison;
// when a fact changes, its old contribution is taken out and the new one put in. Any window of whole
// local hours and any unit is then a sum of buckets, so the live state never refolds the log.
// Pure data helpers: no clock, no I/O.
import { HOUR_MS, MINUTE_MS } from "../schemas/time";

/** counter name → value. Names: "a" (alarms), "a.t:<type>", "rc.on", "o:<kind>.red" … (see facts.ts). */
export type Counters = Map<string, number>;

/** local hour index → prison id ("" = bureau level) → counters. */
export type Buckets = Map<number, Map<string, Counters>>;

export type Contribution = ReadonlyArray<readonly [string, number]>;

/** The local hour index of an instant at a fixed UTC offset (hour × 3600 s since the local epoch). */
export function hourOf(at: number, tzOffsetMin: number): number {
  return Math.floor((at + tzOffsetMin * MINUTE_MS) / HOUR_MS);
}

/** "YYYY-MM-DDTHH" of a local hour index: a sortable bucket name. */
export function hourLabel(hour: number): string {
  return new Date(hour * HOUR_MS).toISOString().slice(0, 13);
}

export function bumpCounter(c: Counters, name: string, by: number): void {
  const v = (c.get(name) ?? 0) + by;
  if (v === 0) c.delete(name);
  else c.set(name, v);
}

/** Adds (sign 1) or removes (sign −1) a contribution in the bucket (hour, prison). */
export function addContribution(b: Buckets, hour: number, prisonId: string, contrib: Contribution, sign: 1 | -1): void {
  if (contrib.length === 0) return;
  let byPrison = b.get(hour);
  if (byPrison === undefined) {
    byPrison = new Map();
    b.set(hour, byPrison);
  }
  let c = byPrison.get(prisonId);
  if (c === undefined) {
    c = new Map();
    byPrison.set(prisonId, c);
  }
  for (const [name, v] of contrib) bumpCounter(c, name, sign * v);
  // Empty buckets are dropped so a fact that comes and goes leaves the state as it was.
  if (c.size === 0) byPrison.delete(prisonId);
  if (byPrison.size === 0) b.delete(hour);
}

export function cloneBuckets(b: Buckets): Buckets {
  const out: Buckets = new Map();
  for (const [h, byPrison] of b) {
    const m = new Map<string, Counters>();
    for (const [p, c] of byPrison) m.set(p, new Map(c));
    out.set(h, m);
  }
  return out;
}

/** Calls f for every bucket of hours [fromHour, toHour) whose prison passes `keep`. */
export function eachBucket(
  b: Buckets,
  fromHour: number,
  toHour: number,
  keep: (prisonId: string) => boolean,
  f: (hour: number, prisonId: string, c: Counters) => void,
): void {
  // A long window over a sparse state: walk whichever is smaller.
  if (toHour - fromHour > b.size) {
    for (const [h, byPrison] of b) {
      if (h < fromHour || h >= toHour) continue;
      for (const [p, c] of byPrison) if (keep(p)) f(h, p, c);
    }
    return;
  }
  for (let h = fromHour; h < toHour; h++) {
    const byPrison = b.get(h);
    if (byPrison === undefined) continue;
    for (const [p, c] of byPrison) if (keep(p)) f(h, p, c);
  }
}
