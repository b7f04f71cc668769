// The control plane's writes: a feed's alarm or roll call, the duty console's acknowledge and resolve.
// Each decides with the domain's pure decider against the current state, then appends the events and
// answers only once they are durable (the log resolves after fsync / Redis' answer, and the projection
// has folded them by then). Per-key locks keep a retry from racing its original. Checks the feed's
// place references against the catalogue (a prison's feed may only name its own blocks and cameras).
import {
  type Actor,
  type DomainEvent,
  decideAck,
  decideAlarmFeed,
  decideResolve,
  decideRollCallFeed,
  type FeedAccepted,
  type Handled,
  type HandledVia,
} from "@cw/alerts";
import { type ApiError, fail, type PrisonScope, type Result } from "@cw/protocol";
import type { ControlContext } from "./context";
import { KeyedLock } from "./keyedLock";

function sourceIdOf(body: unknown): string {
  const s = typeof body === "object" && body !== null ? (body as { sourceId?: unknown }).sourceId : undefined;
  return typeof s === "string" ? s : "";
}

/** The place an event names must lie inside the feed's prison. */
function placeProblem(ctx: ControlContext, prisonId: string, events: DomainEvent[]): ApiError | null {
  for (const e of events) {
    if (e.type !== "alarm.raised" && e.type !== "rollcall.reported") continue;
    const { blockId, subBlockId } = e.data;
    const block = blockId === null ? undefined : ctx.blocks.find((b) => b.blockId === blockId);
    if (blockId !== null && block?.prisonId !== prisonId) {
      return {
        code: "validation",
        message: `blockId: ${blockId} is not a block of prison ${prisonId}`,
        field: "blockId",
      };
    }
    if (subBlockId !== null && (block === undefined || !block.subBlocks.includes(subBlockId))) {
      return {
        code: "validation",
        message: `subBlockId: ${subBlockId} is not in block ${blockId}`,
        field: "subBlockId",
      };
    }
    if (e.type === "alarm.raised" && e.data.cameraId !== null && e.data.origin === "feed") {
      const place = ctx.cameraOf(e.data.cameraId);
      if (place?.prisonId !== prisonId) {
        const message = `cameraId: ${e.data.cameraId} is not a camera of prison ${prisonId}`;
        return { code: "validation", message, field: "cameraId" };
      }
    }
  }
  return null;
}

const viaOf = (via: HandledVia | undefined) => (via === undefined ? {} : { via });

export class ControlCommands {
  private readonly locks = new KeyedLock();

  constructor(private readonly ctx: ControlContext) {}

  feedAlarm(prisonId: string, body: unknown): Promise<Result<FeedAccepted>> {
    const ctx = this.ctx;
    if (!ctx.prisonExists(prisonId)) return Promise.resolve(fail("not_found", `No prison ${prisonId}.`));
    return this.locks.run(`alarm-src\u0000${prisonId}\u0000${sourceIdOf(body)}`, async () => {
      const now = ctx.now();
      const d = decideAlarmFeed(ctx.state.alarms, prisonId, body, { now, newId: ctx.newId, policy: ctx.policy });
      if (!d.ok) return { ok: false, error: d.error };
      const bad = placeProblem(ctx, prisonId, d.events);
      if (bad) return { ok: false, error: bad };
      const events = await Promise.all(d.events.map((e) => this.externalise(e)));
      await ctx.commit(events);
      return { ok: true, value: d.result };
    });
  }

  feedRollCall(prisonId: string, body: unknown): Promise<Result<FeedAccepted>> {
    const ctx = this.ctx;
    if (!ctx.prisonExists(prisonId)) return Promise.resolve(fail("not_found", `No prison ${prisonId}.`));
    return this.locks.run(`rollcall-src\u0000${prisonId}\u0000${sourceIdOf(body)}`, async () => {
      const now = ctx.now();
      const d = decideRollCallFeed(ctx.state, prisonId, body, {
        now,
        newId: ctx.newId,
        config: ctx.rollcalls,
        policy: ctx.policy,
      });
      if (!d.ok) return { ok: false, error: d.error };
      const bad = placeProblem(ctx, prisonId, d.events);
      if (bad) return { ok: false, error: bad };
      await ctx.commit(d.events);
      return { ok: true, value: d.result };
    });
  }

  /** `via`: the acknowledgement was made at the other level (the uplink records it here). */
  ack(alarmId: string, body: unknown, actor: Actor, scope: PrisonScope, via?: HandledVia): Promise<Result<Handled>> {
    return this.handle(alarmId, () =>
      decideAck(this.ctx.state.alarms, alarmId, body, {
        now: this.ctx.now(),
        actor,
        prisonScope: scope,
        ...viaOf(via),
      }),
    );
  }

  resolve(
    alarmId: string,
    body: unknown,
    actor: Actor,
    scope: PrisonScope,
    via?: HandledVia,
  ): Promise<Result<Handled>> {
    return this.handle(alarmId, () =>
      decideResolve(this.ctx.state.alarms, alarmId, body, {
        now: this.ctx.now(),
        actor,
        prisonScope: scope,
        ...viaOf(via),
      }),
    );
  }

  private handle(alarmId: string, decide: () => ReturnType<typeof decideAck>): Promise<Result<Handled>> {
    return this.locks.run(`alarm\u0000${alarmId}`, async () => {
      const d = decide();
      if (!d.ok) return { ok: false, error: d.error };
      await this.ctx.commit(d.events);
      return { ok: true, value: d.result };
    });
  }

  /** Moves a raised alarm's snapshot bytes to the snapshot store; the event keeps the reference. */
  private async externalise(e: DomainEvent): Promise<DomainEvent> {
    if (e.type !== "alarm.raised" || e.data.snapshot === null) return e;
    const ref = await this.ctx.snapshots.put(e.data.snapshot);
    return { ...e, data: { ...e.data, snapshot: ref } };
  }

  drain(): Promise<void> {
    return this.locks.drain();
  }
}
