// A roll-call slot: one block at one checkpoint on one local date, the unit that owes a report. Its key
// is URL-safe and '.'-separated ('.' never occurs in ids or dates), so it doubles as obligation subject.
import type { Checkpoint, RollCallConfig, Schedule } from "../schemas/rollcall";
import { scheduleFor } from "../schemas/rollcall";
import { localDate, localTime, MINUTE_MS } from "../schemas/time";

/** A block that must report roll calls (from the catalogue). */
export interface BlockRef {
  prisonId: string;
  blockId: string;
}

export interface Slot {
  key: string;
  date: string;
  prisonId: string;
  blockId: string;
  checkpoint: Checkpoint;
  scheduledAt: number;
  yellowAt: number;
  redAt: number;
}

export function slotKey(date: string, prisonId: string, blockId: string, checkpointId: string): string {
  return `${date}.${prisonId}.${blockId}.${checkpointId}`;
}

export function slotOf(block: BlockRef, checkpoint: Checkpoint, date: string, tzOffsetMin: number): Slot {
  const scheduledAt = localTime(date, checkpoint.time, tzOffsetMin);
  return {
    key: slotKey(date, block.prisonId, block.blockId, checkpoint.id),
    date,
    prisonId: block.prisonId,
    blockId: block.blockId,
    checkpoint,
    scheduledAt,
    yellowAt: scheduledAt + checkpoint.graceMin * MINUTE_MS,
    redAt: scheduledAt + checkpoint.redAfterMin * MINUTE_MS,
  };
}

/** Every slot of a local date: blocks (in the given order) × their prison's checkpoints (in time order). */
export function slotsOn(config: RollCallConfig, blocks: readonly BlockRef[], date: string): Slot[] {
  return blocks.flatMap((b) => scheduleFor(config, b.prisonId).map((c) => slotOf(b, c, date, config.tzOffsetMin)));
}

/** Today's local date at `now`. */
export function today(config: RollCallConfig, now: number): string {
  return localDate(now, config.tzOffsetMin);
}

/** Finds a checkpoint by id, or by its zh name (some prison systems send 起床 rather than wake_up). */
export function findCheckpoint(schedule: Schedule, ref: string): Checkpoint | undefined {
  return schedule.find((c) => c.id === ref) ?? schedule.find((c) => c.name === ref);
}
