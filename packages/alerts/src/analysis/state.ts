// The figures state: every counted fact by id, the hour buckets their contributions sum into, each
// prison's live counts for the map, open deadlines and the alarm ticker. Built by reduce.ts; read by
// read.ts (windowed figures) and status.ts (the map). Facts are immutable records (a change replaces
// one), so a clone needs new maps but not new facts.
import type { AlarmTick } from "@cw/protocol";
import type { Buckets, Counters } from "./counters";
import { cloneBuckets } from "./counters";
import type { AlarmFact, FindingFact, InspectionFact, ObligationFact, ReceiverFact, SlotFact } from "./facts";

export interface OpenDeadline {
  prisonId: string;
  redAt: number;
  red: boolean;
}

/** One block's latest roll call: the reports (whole block: key "", else the sub-block) of its latest checkpoint. */
export interface BlockHeadcount {
  prisonId: string;
  scheduledAt: number;
  reportedAt: number;
  parts: Readonly<Record<string, { expected: number; present: number }>>;
}

export interface FiguresState {
  /** The fixed UTC offset hour buckets are local to (China: 480). */
  tzOffsetMin: number;
  tickerSize: number;
  /** Domain events folded (a version: equal versions, equal state). */
  version: number;
  buckets: Buckets;
  /** prison id → its open alarms by severity ("u:1".."u:4") and video losses ("vl"). */
  live: Map<string, Counters>;
  alarms: Map<string, AlarmFact>;
  /** prisonId + sourceId of every alarm: the same source alarm is never counted twice. */
  alarmSources: Set<string>;
  slots: Map<string, SlotFact>;
  obligations: Map<string, ObligationFact>;
  /** Every obligation id ever opened (an obligation is opened once). */
  obligationIds: Set<string>;
  /** Open obligations of every kind (alarm acknowledgements too), for "red now" on the map. */
  openDeadlines: Map<string, OpenDeadline>;
  receivers: Map<string, ReceiverFact>;
  inspections: Map<string, InspectionFact>;
  findings: Map<string, FindingFact>;
  /** `prisonId/blockId` → the block's latest roll call. */
  headcount: Map<string, BlockHeadcount>;
  /** prison id → its newest alarm. */
  lastAlarm: Map<string, { id: string; at: number }>;
  /**
   * Newest first, at most tickerSize. `cameraId` (absent in snapshots made before it was kept) is for
   * the gateway to withhold a restricted camera's name from the headline; it never goes on the wire.
   */
  ticker: Array<AlarmTick & { cameraId?: string | null }>;
}

export interface FiguresConfig {
  tzOffsetMin?: number;
  tickerSize?: number;
}

export function emptyFigures(config: FiguresConfig = {}): FiguresState {
  return {
    tzOffsetMin: config.tzOffsetMin ?? 480,
    tickerSize: config.tickerSize ?? 30,
    version: 0,
    buckets: new Map(),
    live: new Map(),
    alarms: new Map(),
    alarmSources: new Set(),
    slots: new Map(),
    obligations: new Map(),
    obligationIds: new Set(),
    openDeadlines: new Map(),
    receivers: new Map(),
    inspections: new Map(),
    findings: new Map(),
    headcount: new Map(),
    lastAlarm: new Map(),
    ticker: [],
  };
}

export function cloneFigures(s: FiguresState): FiguresState {
  const live = new Map<string, Counters>();
  for (const [p, c] of s.live) live.set(p, new Map(c));
  return {
    ...s,
    buckets: cloneBuckets(s.buckets),
    live,
    alarms: new Map(s.alarms),
    alarmSources: new Set(s.alarmSources),
    slots: new Map(s.slots),
    obligations: new Map(s.obligations),
    obligationIds: new Set(s.obligationIds),
    openDeadlines: new Map(s.openDeadlines),
    receivers: new Map(s.receivers),
    inspections: new Map(s.inspections),
    findings: new Map(s.findings),
    headcount: new Map(s.headcount),
    lastAlarm: new Map(s.lastAlarm),
    ticker: [...s.ticker],
  };
}
