// The duty console's two actions on an alarm, decided.
// State machine: open → acknowledged → resolved, and open → resolved directly: a false alarm can be
// disposed of in one step, because resolving requires a disposition and a note anyway, which says more
// than an acknowledgement. Resolving (or acknowledging) an alarm fulfils its acknowledge obligation.
// A resolved or cleared alarm is final: acting on it again is a conflict, not a silent success.
// Checks run in HTTP order: not_found (also outside the caller's prison), conflict, then the body.
import { parseWith } from "@cw/protocol";
import type { ActContext, Decision } from "../decision";
import { accept, reject } from "../decision";
import { type HandledVia, makeEvent } from "../events";
import type { AlarmStatus } from "../schemas/alarm";
import { zAlarmAck, zAlarmResolve } from "../schemas/alarm";
import type { Alarm, AlarmsState } from "./alarm";
import { noteRequired } from "./queue";
import { fulfilAck } from "./raise";

export interface HandleContext extends ActContext {
  /** The acting user's prison, or null for bureau roles: an alarm outside it does not exist for them. */
  prisonScope?: string | null;
  /** Handled at the other level (the uplink's commands): recorded on the event. */
  via?: HandledVia;
}

export interface Handled {
  id: string;
  state: AlarmStatus;
}

function find(state: AlarmsState, id: string, ctx: HandleContext): Alarm | undefined {
  const a = state.byId[id];
  if (a === undefined) return undefined;
  if (ctx.prisonScope != null && a.prisonId !== ctx.prisonScope) return undefined;
  return a;
}

const viaOf = (ctx: HandleContext) => (ctx.via === undefined ? {} : { via: ctx.via });

export function decideAck(state: AlarmsState, alarmId: string, body: unknown, ctx: HandleContext): Decision<Handled> {
  const a = find(state, alarmId, ctx);
  if (a === undefined) return reject("not_found", `No alarm ${alarmId}.`);
  if (a.state !== "open") return reject("conflict", `The alarm is already ${a.state}.`);
  const parsed = parseWith(zAlarmAck, body ?? {});
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { note } = parsed.value;
  if (noteRequired(a) && note === "") {
    return reject("validation", `note: required to acknowledge a severity ${a.severity} alarm`, "note");
  }
  const events = [
    makeEvent("alarm.acknowledged", ctx.now, ctx.actor, { id: a.id, note, ...viaOf(ctx) }),
    ...fulfilAck(a, ctx.now, ctx.actor),
  ];
  return accept(events, { id: a.id, state: "acknowledged" });
}

export function decideResolve(
  state: AlarmsState,
  alarmId: string,
  body: unknown,
  ctx: HandleContext,
): Decision<Handled> {
  const a = find(state, alarmId, ctx);
  if (a === undefined) return reject("not_found", `No alarm ${alarmId}.`);
  if (a.state !== "open" && a.state !== "acknowledged") return reject("conflict", `The alarm is already ${a.state}.`);
  const parsed = parseWith(zAlarmResolve, body);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const { disposition, note } = parsed.value;
  if (note === "") return reject("validation", "note: required to resolve an alarm", "note");
  const events = [
    makeEvent("alarm.resolved", ctx.now, ctx.actor, { id: a.id, disposition, note, ...viaOf(ctx) }),
    ...fulfilAck(a, ctx.now, ctx.actor),
  ];
  return accept(events, { id: a.id, state: "resolved" });
}
