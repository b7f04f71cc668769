// The control plane's state in the gateway: one ControlState (alarms, roll calls, obligations, orders)
// folded from the log, at start (replay) and live. It owns the state and mutates it in place through
// the domain's per-area apply functions (linear over a million events; the domain's reduceControl
// copies per event, which is right for the wall and too slow here). Readers get the live object and
// must not write it. It also says what each event touched, so the live hub can push just that.
import {
  applyAlarmEvent,
  applyObligationEvent,
  applyOrderEvent,
  applyRollCallEvent,
  type ControlState,
  type DomainEvent,
  emptyControlState,
} from "@cw/alerts";

/** What one event changed: the live topics to push. */
export interface ControlTouch {
  alarmId: string | null;
  slotKey: string | null;
  obligationId: string | null;
}

function touchOf(e: DomainEvent): ControlTouch {
  switch (e.type) {
    case "alarm.raised":
    case "alarm.repeated":
    case "alarm.acknowledged":
    case "alarm.resolved":
    case "alarm.cleared":
      return { alarmId: e.data.id, slotKey: null, obligationId: null };
    case "rollcall.reported":
      return {
        alarmId: null,
        slotKey: `${e.data.date}.${e.data.prisonId}.${e.data.blockId}.${e.data.checkpoint}`,
        obligationId: null,
      };
    case "obligation.opened": {
      const ob = e.data.obligation;
      return obligationTouch(ob.id, ob.kind, ob.subject);
    }
    case "obligation.fulfilled":
    case "obligation.cancelled":
    case "deadline.yellow":
    case "deadline.red":
    case "obligation.escalated":
      return obligationTouch(e.data.id, e.data.kind, e.data.subject);
    default:
      return { alarmId: null, slotKey: null, obligationId: null };
  }
}

function obligationTouch(id: string, kind: string, subject: string): ControlTouch {
  return {
    alarmId: kind === "alarm.ack" ? subject : null,
    slotKey: kind === "rollcall.report" ? subject : null,
    obligationId: id,
  };
}

export class ControlProjection {
  readonly state: ControlState = emptyControlState();
  private count = 0;

  /** Folds one event; returns what it touched. */
  apply(e: DomainEvent): ControlTouch {
    const s = this.state;
    applyAlarmEvent(s.alarms, e);
    applyRollCallEvent(s.rollcalls, e);
    applyObligationEvent(s.obligations, e);
    applyOrderEvent(s.orders, e);
    this.count++;
    return touchOf(e);
  }

  snapshot(): { state: ControlState; count: number } {
    return { state: this.state, count: this.count };
  }

  /** Takes a snapshot's state into the SAME state object (the control context holds it). */
  restore(data: unknown): void {
    const d = data as { state: ControlState; count: number };
    Object.assign(this.state, d.state);
    this.count = d.count;
  }

  /** Control events folded so far. */
  get folded(): number {
    return this.count;
  }
}
