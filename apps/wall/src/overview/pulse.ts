// Which markers pulse: a prison pulses for a while after its newest alarm changes. Pure: the previous
// and next statuses and `now` are arguments; the map animates from the start times.
import type { PrisonStatus } from "@cw/protocol";

export const PULSE_MS = 2000;

/** Start times of pulses: kept while running, a new one for each prison whose last alarm changed. */
export function nextPulses(
  pulses: Readonly<Record<string, number>>,
  prev: readonly PrisonStatus[] | null,
  next: readonly PrisonStatus[],
  now: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, start] of Object.entries(pulses)) if (now - start < PULSE_MS) out[id] = start;
  // The first overview is the state on arrival, not news: nothing pulses for it.
  if (prev === null) return out;
  const before = new Map(prev.map((p) => [p.prisonId, p.lastAlarmId]));
  for (const p of next) {
    if (p.lastAlarmId !== null && before.get(p.prisonId) !== p.lastAlarmId) out[p.prisonId] = now;
  }
  return out;
}

/** 0..1 progress of a pulse at `now` (null when over). */
export function pulsePhase(start: number, now: number): number | null {
  const t = (now - start) / PULSE_MS;
  return t >= 0 && t < 1 ? t : null;
}
