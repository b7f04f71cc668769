// Test support: a two-year simulation of daily draws over a demo-province-sized tree, through the real
// deciders and fold. Deterministic: secrets are sha256(seed|date), alarm counts from a seeded PRNG.
import type { BlockRef, DomainEvent, DrawRules, InspectionState } from "../../src/index";
import {
  addDays,
  decideCommit,
  decideDraw,
  emptyInspectionState,
  foldInspections,
  localTime,
  sha256Hex,
} from "../../src/index";

export const TZ = 480;

/** 16 prisons × 4 blocks (the demo province's shape), built here so the test owns its tree. */
export function demoTree(prisons = 16, blocksPer = 4): BlockRef[] {
  const out: BlockRef[] = [];
  for (let p = 1; p <= prisons; p++) {
    for (let b = 1; b <= blocksPer; b++) out.push({ prisonId: `p${String(p).padStart(2, "0")}`, blockId: `b${b}` });
  }
  return out;
}

/** mulberry32: a tiny seeded PRNG for test inputs (never used by the package itself). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function secretFor(seed: string, date: string): string {
  return sha256Hex(`${seed}|${date}`);
}

/** 09:00 local on `date`: the configured draw time. */
export function drawTime(date: string): number {
  return localTime(date, "09:00", TZ);
}

export interface SimResult {
  state: InspectionState;
  log: DomainEvent[];
  picks: { date: string; key: string; mode: string; recentAlarms: Record<string, number> }[];
}

export function simulate(opts: {
  start: string;
  days: number;
  blocks: BlockRef[];
  rules: DrawRules;
  seed: number;
}): SimResult {
  const rnd = prng(opts.seed);
  const secretSeed = `seed-${opts.seed}`;
  let state = emptyInspectionState();
  const log: DomainEvent[] = [];
  const append = (events: DomainEvent[]) => {
    log.push(...events);
    state = foldInspections(events, state);
  };
  const boot = decideCommit(
    state,
    { date: opts.start, secret: secretFor(secretSeed, opts.start) },
    {
      now: drawTime(addDays(opts.start, -1)),
      actor: "system" as const,
      tzOffsetMin: TZ,
    },
  );
  if (!boot.ok) throw new Error(boot.error.message);
  append(boot.events);
  const picks: SimResult["picks"] = [];
  for (let i = 0; i < opts.days; i++) {
    const date = addDays(opts.start, i);
    const recentAlarms: Record<string, number> = {};
    // A few noisy blocks: most have 0 recent alarms, some a handful.
    for (const b of opts.blocks) {
      const r = rnd();
      recentAlarms[`${b.prisonId}/${b.blockId}`] = r < 0.7 ? 0 : Math.floor((r - 0.7) * 40);
    }
    const d = decideDraw(
      state,
      {
        date,
        secret: secretFor(secretSeed, date),
        nextSecret: secretFor(secretSeed, addDays(date, 1)),
        blocks: opts.blocks,
        recentAlarms,
        rules: opts.rules,
      },
      { now: drawTime(date), actor: "system" as const, tzOffsetMin: TZ },
    );
    if (!d.ok) throw new Error(`${date}: ${d.error.message}`);
    append(d.events);
    const drawn = d.events[0];
    const mode = drawn?.type === "inspection.drawn" ? drawn.data.mode : "?";
    picks.push({ date, key: `${d.result.prisonId}/${d.result.blockId}`, mode, recentAlarms });
  }
  return { state, log, picks };
}

/** Per block: the longest run of days without an inspection (from the start, between draws, to the end). */
export function gaps(picks: SimResult["picks"], blocks: BlockRef[]): { maxGap: number; minRepeat: number } {
  const last = new Map<string, number>();
  let maxGap = 0;
  let minRepeat = Number.POSITIVE_INFINITY;
  picks.forEach((p, i) => {
    const prev = last.get(p.key);
    if (prev === undefined) maxGap = Math.max(maxGap, i + 1);
    else {
      minRepeat = Math.min(minRepeat, i - prev);
      maxGap = Math.max(maxGap, i - prev);
    }
    last.set(p.key, i);
  });
  for (const b of blocks) {
    const prev = last.get(`${b.prisonId}/${b.blockId}`);
    maxGap = Math.max(maxGap, prev === undefined ? picks.length : picks.length - 1 - prev);
  }
  return { maxGap, minRepeat };
}
