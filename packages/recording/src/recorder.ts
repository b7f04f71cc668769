// Decides, per camera, what the media plane's segments become: the main stream of a camera whose plan
// records now goes to the recording store (and is held running, viewers or not); every stream being
// watched goes to the replay buffer, except one already being recorded (its replay reads the recording).
// Re-evaluates plans on a timer (schedules) and when a plan changes. Owns the holds it takes and the
// per-camera "recording now" set; never writes files itself and never blocks the media path.
import type { RecordingPlan } from "@cw/protocol";
import type { SegmentEvent, StreamRegistry } from "@cw/streams";
import { recordsAt } from "./plan/activity";
import type { ReplayBuffer } from "./replay/buffer";
import type { RecordingStore } from "./store/store";

export interface RecorderOptions {
  registry: Pick<StreamRegistry, "onSegment" | "hold" | "onHealth">;
  store: RecordingStore;
  replay: ReplayBuffer | null;
  /** The bureau's fixed UTC offset, minutes (schedules are local times). */
  tzOffsetMin: number;
  now: () => number;
  /** How often schedules are re-checked. Default 5 000 ms. */
  tickMs?: number;
  log?: { info(o: object, m?: string): void; warn(o: object, m?: string): void };
}

/** Recording stores the main stream: what the camera sees at its best. */
export const RECORDED_VARIANT = "main";

export class Recorder {
  private readonly plans = new Map<string, RecordingPlan>();
  /** Cameras recording now → the release of the hold that keeps their main stream running. */
  private readonly active = new Map<string, () => void>();
  private readonly unsubscribe: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: RecorderOptions) {
    this.unsubscribe.push(o.registry.onSegment((e) => this.segment(e)));
    // A stream stopped (idle, camera edited): its replay file is sealed so pruning can take it.
    this.unsubscribe.push(
      o.registry.onHealth((list) => {
        for (const h of list) if (h.state === "idle") void o.replay?.finish(h.cameraId, h.variant);
      }),
    );
    this.timer = setInterval(() => this.reconcileAll(), o.tickMs ?? 5000);
    this.timer.unref();
  }

  /** Sets (or with null, removes) a camera's plan and applies it at once; resolves once a stop is sealed. */
  setPlan(cameraId: string, plan: RecordingPlan | null): Promise<void> {
    if (plan) this.plans.set(cameraId, plan);
    else this.plans.delete(cameraId);
    return this.reconcile(cameraId);
  }

  plan(cameraId: string): RecordingPlan | null {
    return this.plans.get(cameraId) ?? null;
  }

  isRecording(cameraId: string): boolean {
    return this.active.has(cameraId);
  }

  recordingCameras(): string[] {
    return [...this.active.keys()];
  }

  reconcileAll(): void {
    for (const id of new Set([...this.plans.keys(), ...this.active.keys()])) void this.reconcile(id);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const u of this.unsubscribe) u();
    for (const release of this.active.values()) release();
    this.active.clear();
  }

  private async reconcile(cameraId: string): Promise<void> {
    const plan = this.plans.get(cameraId);
    const should = plan !== undefined && recordsAt(plan, this.o.now(), this.o.tzOffsetMin);
    const release = this.active.get(cameraId);
    if (should && !release) {
      this.active.set(cameraId, this.o.registry.hold(cameraId, RECORDED_VARIANT));
      this.o.log?.info({ camera: cameraId, mode: plan?.mode }, "recording started");
    } else if (!should && release) {
      release();
      this.active.delete(cameraId);
      this.o.log?.info({ camera: cameraId }, "recording stopped");
      await this.o.store.finish(cameraId);
    }
  }

  private segment(e: SegmentEvent): void {
    const recorded = e.variant === RECORDED_VARIANT && this.active.has(e.cameraId);
    if (recorded) this.o.store.append(e.cameraId, e);
    else this.o.replay?.append(e);
  }
}
