// The live `order` topic: guaranteed delivery to terminals and a live receipt matrix for the command
// centre. Sessions with orders.watch (commander, chief, duty) get the full view of every order that
// changed; prison terminals (orders.sign) the view scoped to their prison, only for orders with a target in it. On each connect an
// operator is sent everything its prison has not yet acknowledged (`missed`), and its terminal's
// `order.ack` frames become order.delivered (service.ts). Pushes are coalesced per tick: an order issued
// to a hundred units (one order.issued plus its obligations) or signed by many is sent once per tick.
import type { ControlState, OrderView } from "@cw/alerts";
import { orderView, undeliveredFor, userActor } from "@cw/alerts";
import { can, type LiveMessage, type OrderLive, scopeOf, zOrderAck } from "@cw/protocol";
import type { Session } from "../../auth/sessions";
import type { LoggedEvent } from "../../events/map";
import type { LiveSource, Publish } from "../../live/hub";
import type { OrdersService } from "./service";

type Reason = OrderLive["reason"];
const rank: Record<Reason, number> = { changed: 0, missed: 1, reminded: 2, issued: 3 };

export interface OrdersLiveDeps {
  control(): ControlState;
  now(): number;
  service: OrdersService;
  publish: Publish;
}

/** The order an event concerns, if any: order.* by id, a deadline fact by its obligation's subject. */
export function orderOfEvent(e: LoggedEvent, control: ControlState): string | null {
  const ofObligation = (kind: string, subject: string) =>
    kind === "order.sign" || kind === "order.feedback" ? (control.orders.subjects[subject]?.orderId ?? null) : null;
  switch (e.type) {
    case "order.issued":
    case "order.delivered":
    case "order.signed":
    case "order.feedback":
    case "order.reminded":
      return e.data.id;
    case "obligation.opened":
      return ofObligation(e.data.obligation.kind, e.data.obligation.subject);
    case "obligation.fulfilled":
    case "obligation.cancelled":
    case "deadline.yellow":
    case "deadline.red":
    case "obligation.escalated":
      return ofObligation(e.data.kind, e.data.subject);
    default:
      return null;
  }
}

export class OrdersLive implements LiveSource {
  private pending: LoggedEvent[] = [];
  private flush: NodeJS.Immediate | null = null;

  constructor(private readonly deps: OrdersLiveDeps) {}

  /** Feed every appended event here; it is resolved to its order when the tick's pushes go out. */
  onEvent(e: LoggedEvent): void {
    if (!e.type.startsWith("order.") && !e.type.startsWith("deadline.") && !e.type.startsWith("obligation.")) return;
    this.pending.push(e);
    this.flush ??= setImmediate(() => this.send());
  }

  private send(): void {
    this.flush = null;
    const control = this.deps.control();
    const dirty = new Map<string, Reason>();
    for (const e of this.pending.splice(0)) {
      const id = orderOfEvent(e, control);
      if (id === null) continue;
      const reason: Reason =
        e.type === "order.issued" ? "issued" : e.type === "order.reminded" ? "reminded" : "changed";
      const prev = dirty.get(id);
      if (prev === undefined || rank[reason] > rank[prev]) dirty.set(id, reason);
    }
    const now = this.deps.now();
    for (const [id, reason] of dirty) {
      const views = new Map<string | null, OrderView | null>();
      const viewFor = (scope: string | null): OrderView | null => {
        if (!views.has(scope)) {
          const v = orderView(control.orders, control.obligations, id, now, scope);
          views.set(scope, v.ok ? v.value : null);
        }
        return views.get(scope) ?? null;
      };
      this.deps.publish((session) => {
        // orders.watch: the full receipt matrix; orders.sign: a prison terminal, its own targets.
        const { role } = session.user;
        if (!can(role, "orders.watch") && !can(role, "orders.sign")) return null;
        const order = viewFor(scopeOf(session));
        return order === null ? null : { topic: "order", data: { reason, order, serverTime: now } };
      });
    }
  }

  attached(session: Session, send: (msg: LiveMessage) => void): void {
    const prison = scopeOf(session);
    if (prison === null || !can(session.user.role, "orders.sign")) return;
    const control = this.deps.control();
    const now = this.deps.now();
    for (const missed of undeliveredFor(control.orders, prison)) {
      const v = orderView(control.orders, control.obligations, missed.id, now, prison);
      if (v.ok) send({ topic: "order", data: { reason: "missed", order: v.value, serverTime: now } });
    }
  }

  message(session: Session, msg: unknown): void {
    const m = msg as { topic?: unknown; data?: unknown } | null;
    if (m?.topic !== "order.ack") return;
    const prison = scopeOf(session);
    // Only a prison's own terminal can take delivery; the command centre's screens do not.
    if (prison === null || !can(session.user.role, "orders.sign")) return;
    const ack = zOrderAck.safeParse(m.data);
    if (!ack.success) return;
    const by = { actor: userActor(session.user.username), prisonScope: prison };
    this.deps.service.ack(by, ack.data.orderId, ack.data.unitId);
  }

  close(): void {
    if (this.flush !== null) clearImmediate(this.flush);
    this.flush = null;
    this.pending = [];
  }
}
