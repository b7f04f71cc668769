// The obligation clock's heartbeat: every second (unref'd) it asks the domain what time alone made true
// (`tick`: roll-call obligations opened at their checkpoint, yellow/red lights, escalations) and appends
// those events. One tick at a time: a slow append skips beats rather than piling them up (the events'
// `at` is the threshold itself, so a late tick records the same facts). stop() ends it.
import { tick } from "@cw/alerts";
import type { ControlContext } from "./context";

export interface TickLog {
  error(obj: object, msg: string): void;
}

export class TickTimer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly ctx: ControlContext,
    private readonly log: TickLog,
    private readonly everyMs = 1000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.once(), this.everyMs);
    this.timer.unref();
  }

  /** One tick now (tests call it); resolves with the number of events appended. */
  once(): Promise<number> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<number> {
    const { ctx } = this;
    const events = tick(ctx.state, {
      now: ctx.now(),
      rollcalls: ctx.rollcalls,
      blocks: ctx.blocks,
      policy: ctx.policy,
    });
    if (events.length === 0) return 0;
    try {
      await ctx.commit(events);
    } catch (err) {
      this.log.error({ err }, "control tick: append failed (retried next tick)");
      return 0;
    }
    return events.length;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
