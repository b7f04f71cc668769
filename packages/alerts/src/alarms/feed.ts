// POST /api/v1/feeds/{prisonId}/alarms, decided: validate the body, then either raise a new alarm or
// count a repeat of the same sourceId (never a second alarm). Returns the 202 answer {id, duplicate}.
import { idPattern, parseWith } from "@cw/protocol";
import type { Decision } from "../decision";
import { accept, reject } from "../decision";
import { type Actor, makeEvent } from "../events";
import type { AlertsPolicy } from "../policy";
import { defaultPolicy } from "../policy";
import type { FeedAccepted } from "../schemas/alarm";
import { zAlarmFeed } from "../schemas/alarm";
import type { AlarmsState } from "./alarm";
import { sourceKey } from "./alarm";
import { raiseAlarm } from "./raise";

export interface FeedContext {
  now: number;
  /** A fresh alarm id (the gateway's id generator; tests pass a counter). */
  newId: () => string;
  /** Defaults to `feed:<prisonId>`. */
  actor?: Actor;
  policy?: AlertsPolicy;
}

export function decideAlarmFeed(
  state: AlarmsState,
  prisonId: string,
  body: unknown,
  ctx: FeedContext,
): Decision<FeedAccepted> {
  if (!idPattern.test(prisonId)) return reject("validation", "prisonId: not a valid id", "prisonId");
  const parsed = parseWith(zAlarmFeed, body);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const feed = parsed.value;
  const policy = ctx.policy ?? defaultPolicy;
  const actor: Actor = ctx.actor ?? `feed:${prisonId}`;
  if (feed.occurredAt > ctx.now + policy.alarms.maxClockSkewMs) {
    return reject("validation", "occurredAt: is in the future (check the source system's clock)", "occurredAt");
  }

  const existingId = state.bySource[sourceKey(prisonId, feed.sourceId)];
  if (existingId !== undefined) {
    const existing = state.byId[existingId];
    const count = (existing?.count ?? 1) + 1;
    const repeated = makeEvent("alarm.repeated", ctx.now, actor, {
      id: existingId,
      sourceId: feed.sourceId,
      count,
      occurredAt: feed.occurredAt,
    });
    return accept([repeated], { id: existingId, duplicate: true });
  }

  const id = ctx.newId();
  const events = raiseAlarm(
    {
      id,
      prisonId,
      sourceId: feed.sourceId,
      origin: "feed",
      type: feed.type,
      severity: feed.severity,
      occurredAt: feed.occurredAt,
      blockId: feed.blockId ?? null,
      subBlockId: feed.subBlockId ?? null,
      cameraId: feed.cameraId ?? null,
      title: feed.title || null,
      description: feed.description || null,
      snapshot: feed.snapshot ?? null,
    },
    policy.obligations,
    ctx.now,
    actor,
  );
  return accept(events, { id, duplicate: false });
}
