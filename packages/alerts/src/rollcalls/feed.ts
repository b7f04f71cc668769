// POST /api/v1/feeds/{prisonId}/rollcalls, decided: validate against the prison's schedule, record the
// report, fulfil the slot's obligation if one is open, and raise a headcount_mismatch alarm when
// present ≠ expected. The same sourceId again is a retry: answered with the first id, nothing appended.
import { idPattern, parseWith } from "@cw/protocol";
import type { AlarmsState } from "../alarms/alarm";
import { raiseAlarm } from "../alarms/raise";
import type { Decision } from "../decision";
import { accept, reject } from "../decision";
import type { Actor, DomainEvent } from "../events";
import { makeEvent, SYSTEM_ACTOR } from "../events";
import { obligationId } from "../obligationPolicy";
import type { ObligationState } from "../obligationState";
import type { AlertsPolicy } from "../policy";
import { defaultPolicy } from "../policy";
import type { FeedAccepted } from "../schemas/alarm";
import type { RollCallConfig } from "../schemas/rollcall";
import { scheduleFor, zRollCallFeed } from "../schemas/rollcall";
import { localDate } from "../schemas/time";
import { findCheckpoint, slotKey } from "./slot";
import type { RollCallsState } from "./state";

export interface RollCallFeedState {
  alarms: AlarmsState;
  rollcalls: RollCallsState;
  obligations: ObligationState;
}

export interface RollCallFeedContext {
  now: number;
  /** Fresh ids: one for the report, one more for a mismatch alarm. */
  newId: () => string;
  config: RollCallConfig;
  actor?: Actor;
  policy?: AlertsPolicy;
}

export function decideRollCallFeed(
  state: RollCallFeedState,
  prisonId: string,
  body: unknown,
  ctx: RollCallFeedContext,
): Decision<FeedAccepted> {
  if (!idPattern.test(prisonId)) return reject("validation", "prisonId: not a valid id", "prisonId");
  const parsed = parseWith(zRollCallFeed, body);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const feed = parsed.value;
  const policy = ctx.policy ?? defaultPolicy;
  const actor: Actor = ctx.actor ?? `feed:${prisonId}`;

  const existing = state.rollcalls.bySource[`${prisonId}\u0000${feed.sourceId}`];
  if (existing !== undefined) return accept([], { id: existing, duplicate: true });

  const checkpoint = findCheckpoint(scheduleFor(ctx.config, prisonId), feed.checkpoint);
  if (checkpoint === undefined) {
    return reject("validation", `checkpoint: ${feed.checkpoint} is not in this prison's schedule`, "checkpoint");
  }
  const skew = policy.alarms.maxClockSkewMs;
  if (feed.reportedAt > ctx.now + skew) {
    return reject("validation", "reportedAt: is in the future (check the source system's clock)", "reportedAt");
  }
  if (feed.heardAt !== undefined && feed.heardAt > ctx.now + skew) {
    return reject("validation", "heardAt: is in the future (check the forwarding gateway's clock)", "heardAt");
  }

  const id = ctx.newId();
  const date = localDate(feed.scheduledAt, ctx.config.tzOffsetMin);
  const subBlockId = feed.subBlockId ?? null;
  const events: DomainEvent[] = [
    makeEvent("rollcall.reported", ctx.now, actor, {
      id,
      prisonId,
      sourceId: feed.sourceId,
      date,
      blockId: feed.blockId,
      subBlockId,
      checkpoint: checkpoint.id,
      scheduledAt: feed.scheduledAt,
      reportedAt: feed.reportedAt,
      ...(feed.heardAt === undefined ? {} : { heardAt: feed.heardAt }),
      expected: feed.expected,
      present: feed.present,
      absentees: feed.absentees,
    }),
  ];

  const key = slotKey(date, prisonId, feed.blockId, checkpoint.id);
  const ob = state.obligations.byId[obligationId("rollcall.report", key)];
  if (ob !== undefined && ob.status === "open") {
    const ref = { id: ob.id, kind: ob.kind, subject: ob.subject, owner: ob.owner, prisonId: ob.prisonId };
    events.push(makeEvent("obligation.fulfilled", ctx.now, actor, ref));
  }

  if (feed.present !== feed.expected) {
    const alarmSource = `rollcall:${feed.sourceId}`;
    if (state.alarms.bySource[`${prisonId}\u0000${alarmSource}`] === undefined) {
      const data = {
        id: ctx.newId(),
        prisonId,
        sourceId: alarmSource,
        origin: "rollcall" as const,
        type: "headcount_mismatch" as const,
        severity: policy.alarms.headcountMismatchSeverity,
        occurredAt: feed.reportedAt,
        blockId: feed.blockId,
        subBlockId,
        cameraId: null,
        title: null,
        // Numbers only: the wall renders the words (i18n); "present/expected @ checkpoint".
        description: `${feed.present}/${feed.expected} @ ${checkpoint.id}`,
        snapshot: null,
      };
      events.push(...raiseAlarm(data, policy.obligations, ctx.now, SYSTEM_ACTOR));
    }
  }
  return accept(events, { id, duplicate: false });
}
