// The demo feeds: a simulator playing every prison's alarm and roll-call systems, posting through the
// same signed feeds API real systems use (never a side door into the log). Alarms arrive as a Poisson
// process (default ~2 a minute province-wide), now and then re-sent as real systems do (same sourceId,
// fresh signature: the gateway answers duplicate). Roll calls follow the day's plan (rollcallPlan.ts);
// checkpoints already past at start are reported at once, so the board is populated when the demo
// opens, then the schedule is followed day after day. All timers are unref'd; stop() clears them.
import { defaultSchedule, localDate, type Schedule } from "@cw/alerts";
import { demoFeedKey } from "../features/alarms/feeds/signature";
import { makeAlarm } from "./alarmMix";
import type { SimLog, SimPrison } from "./model";
import { FeedPoster, type PosterStats } from "./poster";
import { between, mulberry32, pick, type Rng } from "./rng";
import { type PlannedReport, type PlanOptions, planDay } from "./rollcallPlan";

export interface FeedSimulatorOptions {
  /** The gateway's own base URL, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  /** How requests go out. Default: the global fetch. */
  fetch?: typeof fetch;
  prisons: SimPrison[];
  /** DEMO_FEED_SECRET: prison keys are derived from it (unless keyFor is given). */
  secret: string;
  /** Explicit keys (when FEED_KEYS is configured); default: the demo derivation. */
  keyFor?: (prisonId: string) => string;
  rng?: Rng;
  now?: () => number;
  log?: SimLog;
  /** Alarms per minute, province-wide; 0 = no alarms. */
  ratePerMin?: number;
  /** Chance that an alarm is sent again a few seconds later. */
  duplicateChance?: number;
  schedule?: Schedule;
  tzOffsetMin?: number;
  /** false = no roll calls. */
  rollCalls?: boolean;
  plan?: PlanOptions;
  /** Passed to the poster (tests shorten retries). */
  retryBaseMs?: number;
}

export interface FeedSimulator {
  readonly stats: PosterStats;
  /** Requests queued, in flight or waiting to retry. */
  readonly pending: number;
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;
const MAX_TIMER_MS = 2_147_000_000;

export function startFeedSimulator(opts: FeedSimulatorOptions): FeedSimulator {
  const now = opts.now ?? Date.now;
  const rng = opts.rng ?? mulberry32(now() >>> 0);
  const tz = opts.tzOffsetMin ?? 480;
  const schedule = opts.schedule ?? defaultSchedule;
  const rate = opts.ratePerMin ?? 2;
  const dupChance = opts.duplicateChance ?? 0.04;
  const keys = new Map<string, string>();
  const keyFor =
    opts.keyFor ??
    ((id: string) => {
      const known = keys.get(id);
      if (known !== undefined) return known;
      const k = demoFeedKey(opts.secret, id);
      keys.set(id, k);
      return k;
    });
  const poster = new FeedPoster({
    baseUrl: opts.baseUrl.replace(/\/+$/, ""),
    keyFor,
    now,
    ...(opts.log === undefined ? {} : { log: opts.log }),
    ...(opts.retryBaseMs === undefined ? {} : { retryBaseMs: opts.retryBaseMs }),
    ...(opts.fetch === undefined ? {} : { fetch: opts.fetch }),
  });
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const later = (ms: number, fn: () => void): void => {
    if (stopped) return;
    const t = setTimeout(
      () => {
        timers.delete(t);
        if (!stopped) fn();
      },
      Math.min(Math.max(0, ms), MAX_TIMER_MS),
    );
    t.unref();
    timers.add(t);
  };

  // Alarms: exponential gaps (a Poisson process) with a floor, so bursts happen but never a flood.
  const runId = now().toString(36);
  let alarmSeq = 0;
  const nextAlarm = (): void => {
    const meanMs = 60_000 / rate;
    later(Math.max(50, -Math.log(1 - rng()) * meanMs), () => {
      const prison = pick(rng, opts.prisons);
      if (prison !== undefined) {
        const body = makeAlarm(rng, prison, `${prison.id}-${runId}-${++alarmSeq}`, now());
        poster.post("alarms", prison.id, body);
        if (rng() < dupChance) later(between(rng, 2_000, 10_000), () => poster.post("alarms", prison.id, body));
      }
      nextAlarm();
    });
  };

  // Roll calls: a day's plan at a time; what is due is posted, then one timer waits for the next.
  let plan: PlannedReport[] = [];
  let next = 0;
  let planned = localDate(now(), tz);
  const planFor = (date: string) => planDay(opts.prisons, schedule, date, tz, rng, opts.plan ?? {});
  const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const pumpRollCalls = (): void => {
    const t = now();
    for (;;) {
      while (next < plan.length && (plan[next]?.at ?? Infinity) <= t) {
        const r = plan[next++];
        if (r !== undefined) poster.post("rollcalls", r.prisonId, r.body);
      }
      if (next < plan.length) break;
      planned = nextDate(planned);
      plan = planFor(planned);
      next = 0;
      if (plan.length === 0) return; // no blocks: nothing to report, ever
    }
    later((plan[next]?.at ?? t) - t, pumpRollCalls);
  };

  if (rate > 0 && opts.prisons.length > 0) nextAlarm();
  if (opts.rollCalls !== false) {
    plan = planFor(planned);
    const caughtUp = plan.filter((r) => r.at <= now()).length;
    opts.log?.info(
      { date: planned, caughtUp, planned: plan.length },
      "feed simulator: reporting today's past roll calls",
    );
    pumpRollCalls();
  }

  return {
    get stats() {
      return poster.stats;
    },
    get pending() {
      return poster.pending;
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await poster.stop();
    },
  };
}
