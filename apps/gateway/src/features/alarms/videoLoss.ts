// Stream health → video-loss alarms: when the registry reports a change, the domain decides from the
// camera's variants (all stalled/offline → raise one video_loss alarm; a live variant → clear it).
// Health covers only streams someone is watching (on demand), so only watched cameras raise alarms.
// Changes are handled one batch at a time (a raise must be folded before the next batch decides).
import { decideStreamHealth } from "@cw/alerts";
import type { StreamHealth } from "@cw/protocol";
import type { ControlContext } from "./context";

export interface HealthSource {
  health(): StreamHealth[];
  onHealth(listener: (changed: StreamHealth[]) => void): () => void;
}

export interface VideoLossLog {
  error(obj: object, msg: string): void;
}

export class VideoLossBridge {
  private queue: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: ControlContext,
    private readonly source: HealthSource,
    private readonly log: VideoLossLog,
  ) {
    this.unsubscribe = source.onHealth((changed) => {
      this.queue = this.queue.then(() => this.decide(changed));
    });
  }

  private async decide(changed: StreamHealth[]): Promise<void> {
    const { ctx } = this;
    // Every variant of a changed camera, so a stalled sub-stream next to a live main one is no loss;
    // the change itself wins over the snapshot (a stream that just ended may have left it).
    const cameras = new Set(changed.map((h) => h.cameraId));
    const byVariant = new Map<string, StreamHealth>();
    // Keyed by rendition: an H.264 transcode is its own stream, not the camera's main or sub.
    const key = (h: StreamHealth): string => `${h.cameraId}/${h.rendition ?? h.variant}`;
    for (const h of this.source.health()) if (cameras.has(h.cameraId)) byVariant.set(key(h), h);
    for (const h of changed) byVariant.set(key(h), h);
    const health = [...byVariant.values()];
    const events = decideStreamHealth(ctx.state.alarms, health, {
      now: ctx.now(),
      newId: ctx.newId,
      cameraOf: ctx.cameraOf,
      policy: ctx.policy,
    });
    if (events.length === 0) return;
    try {
      await ctx.commit(events);
    } catch (err) {
      this.log.error({ err }, "video loss: append failed");
    }
  }

  /** Waits for decisions in flight (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.queue;
  }
}
