// A MediaSink that records everything, plus polling helpers for integration tests.
import type { AccessUnit, MediaSink, TrackSet } from "../../../src/media/types";

export type SinkEvent =
  | { type: "config"; tracks: TrackSet }
  | { type: "unit"; au: AccessUnit }
  | { type: "discontinuity"; reason: string }
  | { type: "end"; reason: string };

export class RecordingSink implements MediaSink {
  readonly events: SinkEvent[] = [];
  config(tracks: TrackSet): void {
    this.events.push({ type: "config", tracks });
  }
  unit(au: AccessUnit): void {
    this.events.push({ type: "unit", au });
  }
  discontinuity(reason: string): void {
    this.events.push({ type: "discontinuity", reason });
  }
  end(reason: string): void {
    this.events.push({ type: "end", reason });
  }
  units(kind?: "video" | "audio"): AccessUnit[] {
    return this.events.flatMap((e) => (e.type === "unit" && (!kind || e.au.kind === kind) ? [e.au] : []));
  }
  count(type: SinkEvent["type"]): number {
    return this.events.filter((e) => e.type === type).length;
  }
}

/** Polls until cond() is true; fails with `what` after the deadline. */
export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
