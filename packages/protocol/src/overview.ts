// The overview on the wire: key figures (三研判 counts), per-prison worst state for the map, the alarm
// ticker, and period reports. @cw/alerts computes these shapes (src/analysis), the gateway serves them
// (GET /api/v1/overview, /api/v1/reports, live topic `overview`) and the wall renders them: one
// definition, types inferred. Shape only: no I/O, no clock.
import { z } from "zod";

const zCount = z.number().int().min(0);
const zCounts = z.record(z.string(), zCount);
/** A ratio 0..1, or null when its denominator is 0 (nothing to measure, not 0 %). */
const zRatio = z.number().min(0).max(1).nullable();

export const zAlarmFigures = z.object({
  total: zCount,
  /** Still open (neither acknowledged nor closed). */
  open: zCount,
  acknowledged: zCount,
  resolved: zCount,
  cleared: zCount,
  /** open + acknowledged: not closed yet. */
  unresolved: zCount,
  /** Their acknowledgement went red (超期). */
  overdue: zCount,
  /** Re-sends of the same source alarm (alarm.repeated), beyond the first. */
  repeats: zCount,
  byType: zCounts,
  bySeverity: zCounts,
  byPrison: zCounts,
  /** Local "YYYY-MM-DDTHH" buckets. */
  byHour: zCounts,
  /** Local "YYYY-MM-DD" buckets. */
  byDay: zCounts,
  byDisposition: zCounts,
  /** Mean ms from raised to acknowledged (a direct resolve counts), null when none. */
  mttaMs: z.number().nullable(),
  mttrMs: z.number().nullable(),
});
export type AlarmFigures = z.infer<typeof zAlarmFigures>;

export const zRollCallFigures = z.object({
  /** Block × checkpoint slots due in the window. */
  expected: zCount,
  reported: zCount,
  /** Reported by the slot's yellow threshold (checkpoint + grace). */
  onTime: zCount,
  late: zCount,
  missing: zCount,
  /** Slots whose obligation went red. */
  red: zCount,
  compliance: zRatio,
});
export type RollCallFigures = z.infer<typeof zRollCallFigures>;

export const zOrderFigures = z.object({
  orders: zCount,
  receivers: zCount,
  signed: zCount,
  /** Signed after the sign-for deadline. */
  signedLate: zCount,
  fedBack: zCount,
  /** Not signed and the sign-for obligation is red. */
  overdue: zCount,
  signRate: zRatio,
});
export type OrderFigures = z.infer<typeof zOrderFigures>;

export const zInspectionFigures = z.object({
  inspections: zCount,
  completed: zCount,
  adhoc: zCount,
  blocksInspected: zCount,
  /** Blocks in scope (from the catalogue), null when not known. */
  blocksTotal: zCount.nullable(),
  coverage: zRatio,
  findings: zCount,
  openRectifications: zCount,
  rectificationsOverdue: zCount,
});
export type InspectionFigures = z.infer<typeof zInspectionFigures>;

export const zFigures = z.object({
  from: z.number(),
  to: z.number(),
  tzOffsetMin: z.number().int(),
  /** A prison id, or null for the province. */
  unit: z.string().nullable(),
  alarms: zAlarmFigures,
  rollcalls: zRollCallFigures,
  orders: zOrderFigures,
  inspections: zInspectionFigures,
});
export type Figures = z.infer<typeof zFigures>;

/** The map colour of a prison: its worst current state. */
export const prisonLevels = ["ok", "sev4", "sev3", "red_obligation", "video_loss", "sev2", "sev1"] as const;
export const zPrisonLevel = z.enum(prisonLevels);
export type PrisonLevel = z.infer<typeof zPrisonLevel>;

/**
 * The link to a prison served by its own edge gateway (issue 18): `up` while the edge's platform is online at
 * the bureau, `down` (链路中断) once its keepalives stopped; null for a prison with no edge (served here).
 */
export const zPrisonLink = z.enum(["up", "down"]).nullable();
export type PrisonLink = z.infer<typeof zPrisonLink>;

export const zPrisonStatus = z.object({
  prisonId: z.string(),
  level: zPrisonLevel,
  link: zPrisonLink,
  /** Open (unresolved) alarms by severity "1".."4". */
  openBySeverity: zCounts,
  redObligations: zCount,
  videoLoss: zCount,
  /** Order receipts of this prison's units not signed for yet. */
  pendingOrders: zCount,
  /** The latest roll call of each block, summed (null before any report). */
  headcount: z.object({ expected: zCount, present: zCount, at: z.number() }).nullable(),
  /** Id of the newest alarm raised here (the wall pulses the marker when it changes). */
  lastAlarmId: z.string().nullable(),
  lastAlarmAt: z.number().nullable(),
});
export type PrisonStatus = z.infer<typeof zPrisonStatus>;

export const zAlarmTick = z.object({
  id: z.string(),
  prisonId: z.string(),
  type: z.string(),
  severity: z.number().int(),
  at: z.number(),
  title: z.string().nullable(),
});
export type AlarmTick = z.infer<typeof zAlarmTick>;

export const zStreamCounts = z.object({
  live: zCount,
  starting: zCount,
  stalled: zCount,
  offline: zCount,
  idle: zCount,
});
export type StreamCounts = z.infer<typeof zStreamCounts>;

/** GET /api/v1/overview and the live topic `overview` (scoped: an operator sees its prison only). */
export const zOverview = z.object({
  at: z.number(),
  /** Events folded so far; equal versions carry equal figures. */
  version: zCount,
  tzOffsetMin: z.number().int(),
  prisons: z.array(zPrisonStatus),
  today: zFigures,
  week: zFigures,
  streams: zStreamCounts,
  /** Newest first. */
  ticker: z.array(zAlarmTick),
});
export type Overview = z.infer<typeof zOverview>;

export const reportPeriods = ["day", "month", "quarter"] as const;
export const zReportPeriod = z.enum(reportPeriods);
export type ReportPeriod = z.infer<typeof zReportPeriod>;

export const zReportRow = z.object({
  /** "province" or a prison id. */
  unit: z.string(),
  metric: z.string(),
  current: z.number().nullable(),
  previous: z.number().nullable(),
  /** current − previous, null when either is null. */
  delta: z.number().nullable(),
});
export type ReportRow = z.infer<typeof zReportRow>;

export const zReport = z.object({
  period: zReportPeriod,
  /** The period's first local date (YYYY-MM-DD). */
  date: z.string(),
  label: z.string(),
  previousLabel: z.string(),
  unit: z.string().nullable(),
  current: zFigures,
  previous: zFigures,
  /** Per unit (the scope first, then each prison in it) × metric. */
  rows: z.array(zReportRow),
});
export type Report = z.infer<typeof zReport>;

const zDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date is YYYY-MM-DD");

/** GET /api/v1/reports and /api/v1/reports.csv query. */
export const zReportQuery = z
  .object({
    period: zReportPeriod.default("day"),
    date: zDate.optional(),
    unit: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    lang: z.enum(["zh-CN", "en"]).optional(),
  })
  .strict();
export type ReportQuery = z.output<typeof zReportQuery>;
