// The live facts beside today's block in the chief's inspection view: the last roll call, open alarms
// and open orders (order obligations) of the block. A projection of the control state; the cameras come
// from the catalogue at the edge.
import type { Alarm } from "../alarms/alarm";
import type { ControlState } from "../control";
import type { RollCallReport } from "../rollcalls/state";
import type { Obligation } from "../schemas/obligation";

export interface BlockFacts {
  /** The latest roll-call report of the block (by scheduled time, then arrival), or null. */
  lastRollCall: { checkpoint: string; date: string; scheduledAt: number; expected: number; present: number } | null;
  openAlarms: Alarm[];
  /** Open order obligations (sign / feedback) owed by the block or its prison. */
  openOrders: Obligation[];
}

export function blockFacts(control: ControlState, target: { prisonId: string; blockId: string }): BlockFacts {
  let last: RollCallReport | null = null;
  for (const r of Object.values(control.rollcalls.reports)) {
    if (r.prisonId !== target.prisonId || r.blockId !== target.blockId) continue;
    if (
      last === null ||
      r.scheduledAt > last.scheduledAt ||
      (r.scheduledAt === last.scheduledAt && r.receivedAt > last.receivedAt)
    ) {
      last = r;
    }
  }
  const openAlarms = Object.values(control.alarms.byId)
    .filter(
      (a) =>
        a.prisonId === target.prisonId &&
        a.blockId === target.blockId &&
        (a.state === "open" || a.state === "acknowledged"),
    )
    .sort((a, b) => a.severity - b.severity || a.raisedAt - b.raisedAt);
  const openOrders = Object.values(control.obligations.byId)
    .filter(
      (o) =>
        o.status === "open" &&
        (o.kind === "order.sign" || o.kind === "order.feedback") &&
        o.prisonId === target.prisonId &&
        (o.owner === target.blockId || o.owner === target.prisonId),
    )
    .sort((a, b) => a.redAt - b.redAt);
  return {
    lastRollCall:
      last === null
        ? null
        : {
            checkpoint: last.checkpoint,
            date: last.date,
            scheduledAt: last.scheduledAt,
            expected: last.expected,
            present: last.present,
          },
    openAlarms,
    openOrders,
  };
}
