// Roll-call schemas: the feed payload blocks report at each checkpoint of the day, the per-prison
// checkpoint schedule (configurable), and its default. Shape and self-consistency only; which
// checkpoints exist for a prison and what a mismatch means is decided in src/rollcalls/.
import { zId } from "@cw/protocol";
import { z } from "zod";
import { zSourceId } from "./alarm";
import { zInstant } from "./time";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
export const MAX_HEADCOUNT = 100_000;

/** One fixed point of the prisoners' day where every block counts heads (点名/清点人数). */
export const zCheckpoint = z
  .object({
    id: zId,
    name: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(60),
    time: z.string().regex(HHMM, "time is HH:MM (00:00-23:59)"),
    /** Minutes after `time` before a missing report turns yellow. */
    graceMin: z.number().int().min(0).max(720),
    /** Minutes after `time` before a missing report turns red; must exceed graceMin. */
    redAfterMin: z.number().int().min(1).max(1440),
  })
  .strict()
  .refine((c) => c.redAfterMin > c.graceMin, { message: "redAfterMin must exceed graceMin", path: ["redAfterMin"] });
export type Checkpoint = z.infer<typeof zCheckpoint>;

/** A daily schedule: 1..48 checkpoints, unique ids, strictly increasing times (the order of the day). */
export const zSchedule = z
  .array(zCheckpoint)
  .min(1)
  .max(48)
  .superRefine((list, ctx) => {
    const ids = new Set<string>();
    list.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: "custom", message: `duplicate checkpoint id ${c.id}`, path: [i, "id"] });
      ids.add(c.id);
      const prev = list[i - 1];
      if (prev !== undefined && prev.time >= c.time) {
        ctx.addIssue({ code: "custom", message: "checkpoint times must be strictly increasing", path: [i, "time"] });
      }
    });
  });
export type Schedule = z.infer<typeof zSchedule>;

/** Roll-call configuration: a default schedule, per-prison overrides, and the local UTC offset. */
export const zRollCallConfig = z
  .object({
    schedule: zSchedule,
    byPrison: z.record(zId, zSchedule).default({}),
    /** Minutes east of UTC of the prisons' wall clock (China: 480, no DST). */
    tzOffsetMin: z.number().int().min(-720).max(840).default(480),
  })
  .strict();
export type RollCallConfig = z.output<typeof zRollCallConfig>;

const cp = (id: string, name: string, nameEn: string, time: string): Checkpoint => ({
  id,
  name,
  nameEn,
  time,
  graceMin: 10,
  redAfterMin: 30,
});

/** The default day (seed 002's closed-loop routine, condensed to its head counts). */
export const defaultSchedule: Schedule = [
  cp("wake_up", "起床", "Wake-up", "06:00"),
  cp("morning_drill", "早点名/出操", "Morning roll call / drill", "06:30"),
  cp("work_start", "出工", "Start of work", "07:30"),
  cp("lunch", "午餐", "Lunch", "11:30"),
  cp("work_end", "收工", "End of work", "17:00"),
  cp("evening_roll", "晚点名", "Evening roll call", "19:30"),
  cp("bedtime", "就寝", "Bedtime", "21:00"),
];

export const defaultRollCallConfig: RollCallConfig = { schedule: defaultSchedule, byPrison: {}, tzOffsetMin: 480 };

/** The schedule that applies to a prison: its override, else the default. */
export function scheduleFor(config: RollCallConfig, prisonId: string): Schedule {
  return config.byPrison[prisonId] ?? config.schedule;
}

export const zAbsentee = z
  .object({ ref: z.string().trim().min(1).max(64).optional(), reason: z.string().trim().min(1).max(200) })
  .strict();
export type Absentee = z.infer<typeof zAbsentee>;

const zHeadcount = z.number().int().min(0).max(MAX_HEADCOUNT);

/** POST /api/v1/feeds/{prisonId}/rollcalls body. `checkpoint` is a checkpoint id (or its zh name). */
export const zRollCallFeed = z
  .object({
    sourceId: zSourceId,
    blockId: zId,
    subBlockId: zId.nullish(),
    checkpoint: z.string().trim().min(1).max(64),
    scheduledAt: zInstant,
    reportedAt: zInstant,
    /**
     * When the prison's own gateway received the report, set by a gateway forwarding it later (an edge
     * after a link outage): lateness is judged on it (never later than our own receipt) instead of on
     * when it reached us.
     */
    heardAt: zInstant.optional(),
    expected: zHeadcount,
    present: zHeadcount,
    absentees: z.array(zAbsentee).max(1000).default([]),
  })
  .strict();
export type RollCallFeedInput = z.input<typeof zRollCallFeed>;
export type RollCallFeed = z.output<typeof zRollCallFeed>;
