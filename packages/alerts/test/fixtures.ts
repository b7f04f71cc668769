// Shared test fixtures: a fixed clock origin, id counters, feed builders and a folding harness that
// runs deciders and folds their events like the gateway does.
import type { AlarmFeedInput, ControlState, Decision, DomainEvent, RollCallFeedInput } from "../src/index";
import { defaultRollCallConfig, emptyControlState, foldControl } from "../src/index";

/** 2025-03-03 00:00 in Beijing (UTC+8). */
export const T0 = Date.parse("2025-03-03T00:00:00+08:00");
export const MIN = 60_000;
export const JPEG = "/9j/4AAQSkZJRg==";

export function counter(prefix = "a"): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

export function alarmFeed(over: Partial<AlarmFeedInput> = {}): AlarmFeedInput {
  return { sourceId: "src-1", type: "fighting", severity: 2, occurredAt: T0, cameraId: "cam1", blockId: "b1", ...over };
}

export function rollFeed(over: Partial<RollCallFeedInput> = {}): RollCallFeedInput {
  return {
    sourceId: "rc-1",
    blockId: "b1",
    checkpoint: "wake_up",
    scheduledAt: T0 + 6 * 60 * MIN,
    reportedAt: T0 + 6 * 60 * MIN + 2 * MIN,
    expected: 120,
    present: 120,
    ...over,
  };
}

export const config = defaultRollCallConfig;

/** Holds a control state and a log; `run` folds a decision's events, like the gateway. */
export class Harness {
  state: ControlState = emptyControlState();
  readonly log: DomainEvent[] = [];
  append(events: readonly DomainEvent[]): void {
    this.log.push(...events);
    this.state = foldControl(events, this.state);
  }
  run<R>(d: Decision<R>): Decision<R> {
    if (d.ok) this.append(d.events);
    return d;
  }
}

export function ok<R>(d: Decision<R>): { events: DomainEvent[]; result: R } {
  if (!d.ok) throw new Error(`expected ok, got ${JSON.stringify(d.error)}`);
  return d;
}
