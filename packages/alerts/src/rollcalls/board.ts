// The roll-call board: a day's checkpoints × blocks, each cell with its light and numbers. A projection
// for the wall; lights follow the checkpoint's thresholds (a late report stays yellow/red on record).
import type { Light } from "../schemas/obligation";
import type { RollCallConfig } from "../schemas/rollcall";
import type { BlockRef, Slot } from "./slot";
import { slotsOn, today } from "./slot";
import type { RollCallReport, RollCallsState } from "./state";
import { slotReports } from "./state";

export type BoardStatus = "upcoming" | "due" | "reported";

export interface BoardCell {
  key: string;
  prisonId: string;
  blockId: string;
  checkpointId: string;
  name: string;
  nameEn: string;
  scheduledAt: number;
  status: BoardStatus;
  light: Light;
  expected: number | null;
  present: number | null;
  absentees: number;
  /** The source's time of the latest report, or null. */
  reportedAt: number | null;
  mismatch: boolean;
}

function lightAtTime(slot: Slot, t: number): Light {
  return t >= slot.redAt ? "red" : t >= slot.yellowAt ? "yellow" : "green";
}

/**
 * The slot's totals: a whole-block report (no sub-block) is the block's count and wins; otherwise the
 * latest report of each sub-block is summed.
 */
export function slotTotals(reports: readonly RollCallReport[]): {
  expected: number;
  present: number;
  absentees: number;
} {
  const whole = reports.find((r) => r.subBlockId === null);
  const counted = whole === undefined ? reports : [whole];
  return {
    expected: counted.reduce((n, r) => n + r.expected, 0),
    present: counted.reduce((n, r) => n + r.present, 0),
    absentees: counted.reduce((n, r) => n + r.absentees.length, 0),
  };
}

export function boardCell(slot: Slot, state: RollCallsState, now: number): BoardCell {
  const reports = slotReports(state, slot.key);
  const base = {
    key: slot.key,
    prisonId: slot.prisonId,
    blockId: slot.blockId,
    checkpointId: slot.checkpoint.id,
    name: slot.checkpoint.name,
    nameEn: slot.checkpoint.nameEn,
    scheduledAt: slot.scheduledAt,
  };
  if (reports.length === 0) {
    const status: BoardStatus = now < slot.scheduledAt ? "upcoming" : "due";
    const light = lightAtTime(slot, now);
    return { ...base, status, light, expected: null, present: null, absentees: 0, reportedAt: null, mismatch: false };
  }
  const totals = slotTotals(reports);
  // Lateness is when the slot was first reported, by our clock.
  const firstReceived = Math.min(...reports.map((r) => r.receivedAt));
  return {
    ...base,
    status: "reported",
    light: lightAtTime(slot, firstReceived),
    ...totals,
    reportedAt: Math.max(...reports.map((r) => r.reportedAt)),
    mismatch: totals.present !== totals.expected,
  };
}

/** Every cell of a date (default: today at `now`), blocks in the given order, checkpoints in time order. */
export function rollCallBoard(
  config: RollCallConfig,
  blocks: readonly BlockRef[],
  state: RollCallsState,
  now: number,
  date: string = today(config, now),
): BoardCell[] {
  return slotsOn(config, blocks, date).map((slot) => boardCell(slot, state, now));
}
