// Recording faults → the control plane: when recording stops (disk full, quota reached, writes failing)
// the fault is logged and every prison whose cameras were being recorded gets a device_fault alarm
// (decided by @cw/alerts); when a segment is written again they clear. One decision at a time, so a
// fault and its recovery are folded in order. Owns nothing else; never touches the media plane.
import { decideRecordingFault, decideRecordingRecovered } from "@cw/alerts";
import type { RecordingService, StoreFault } from "@cw/recording";
import type { RecordingCore } from "./core";
import { recordingEventTypes as T } from "./events";

export class FaultBridge {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly core: Pick<RecordingCore, "commit" | "catalogue" | "control" | "now" | "log">,
    private readonly media: () => RecordingService | null,
  ) {}

  fault(f: StoreFault): void {
    this.enqueue(async () => {
      const prisonIds = new Set<string>();
      for (const id of this.media()?.recorder.recordingCameras() ?? []) {
        const p = this.core.catalogue.camera(id)?.prisonId;
        if (p) prisonIds.add(p);
      }
      const { ctx } = this.core.control;
      const events = decideRecordingFault(
        this.core.control.projection.state.alarms,
        { kind: f.kind, message: f.message, prisonIds: [...prisonIds] },
        { now: this.core.now(), newId: ctx.newId, policy: ctx.policy },
      );
      this.core.log.warn({ kind: f.kind, message: f.message, prisons: [...prisonIds] }, "recording stopped");
      await this.core.commit([
        {
          type: T.fault,
          actor: "system",
          data: { kind: f.kind, message: f.message.slice(0, 2000), prisonIds: [...prisonIds] },
        },
        ...events,
      ]);
    });
  }

  recovered(): void {
    this.enqueue(async () => {
      const events = decideRecordingRecovered(this.core.control.projection.state.alarms, this.core.now());
      this.core.log.info({}, "recording resumed");
      await this.core.commit([{ type: T.recovered, actor: "system", data: {} }, ...events]);
    });
  }

  /** Waits for decisions in flight (tests, close). */
  settled(): Promise<void> {
    return this.queue;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue
      .then(work)
      .catch((err: unknown) => this.core.log.error({ err }, "recording fault: append failed"));
  }
}
