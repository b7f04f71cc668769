// The orders' commands and queries for the HTTP routes and the live socket: decide with the pure domain
// (@cw/alerts orders/), append, answer with the command view. Per-target work is serialised (keyed
// queue) so a retry never yields two receipts; terminal acknowledgements are batched into one append
// per tick (a province-wide order is acknowledged by a hundred terminals at once). Scope: an operator's
// prison (null for bureau roles) is passed in by the caller; this module never reads sessions or HTTP.
import type { Actor, AlertsPolicy, ControlState, Decision, OrderSummary, OrderView, OrgTree } from "@cw/alerts";
import {
  decideDelivered,
  decideFeedback,
  decideIssue,
  decideRemind,
  decideSign,
  feedbackImage,
  lookupTarget,
  orderAttachment,
  orderView,
  scopeOrder,
  selectOrders,
  zOrderQuery,
  zOrderTemplate,
} from "@cw/alerts";
import { fail, type OrderSummaryWire, type OrderViewWire, parseWith, type Result } from "@cw/protocol";
import type { Commit } from "../../events/codec";
import { KeyedLock } from "../alarms/keyedLock";
import type { SavedTemplate, TemplateStore } from "./templates";

// Compile-time check that the domain's read models are what the wire schemas promise.
const viewFits = (v: OrderView): OrderViewWire => v;
const summaryFits = (s: OrderSummary): OrderSummaryWire => s;
void viewFits;
void summaryFits;

export interface OrdersDeps {
  control(): ControlState;
  tree(): OrgTree;
  policy(): AlertsPolicy;
  now(): number;
  /** Random, id-safe; prefixed here (`o-`, `t-`). */
  newId(): string;
  templates: TemplateStore;
  commit: Commit;
}

/** A receipt as an edge forwards it (features/uplink/down/wire.ts validates it). */
export type UpperReceipt =
  | { kind: "delivered" }
  | { kind: "signed"; note: string }
  | { kind: "feedback"; n: number; text: string; image: string | null };

/** Who acts: the domain actor (`user:<name>`) and the prison an operator is bound to (null: bureau). */
export interface OrderCaller {
  actor: Actor;
  prisonScope: string | null;
}

const notFound = <T>(message: string): Result<T> => fail("not_found", message);

export class OrdersService {
  private readonly queue = new KeyedLock();
  private acks = new Map<string, { orderId: string; unitId: string; by: OrderCaller }>();
  private ackFlush: NodeJS.Immediate | null = null;
  private closed = false;

  constructor(private readonly deps: OrdersDeps) {}

  private async run<R>(decision: Decision<R>): Promise<Result<R>> {
    if (!decision.ok) return decision;
    if (decision.events.length > 0) await this.deps.commit(decision.events);
    return { ok: true, value: decision.result };
  }

  /** The order as `by` may see it now (forbidden for an operator with no target in it). */
  view(by: Pick<OrderCaller, "prisonScope">, id: string): Result<OrderView> {
    const s = this.deps.control();
    return orderView(s.orders, s.obligations, id, this.deps.now(), by.prisonScope);
  }

  list(by: Pick<OrderCaller, "prisonScope">, query: unknown): Result<OrderSummary[]> {
    const q = parseWith(zOrderQuery, query);
    if (!q.ok) return q;
    const { status, since, limit } = q.value;
    const opts = { prisonScope: by.prisonScope, now: this.deps.now(), limit };
    return {
      ok: true,
      value: selectOrders(this.deps.control().orders, {
        ...opts,
        ...(status !== undefined ? { status } : {}),
        ...(since !== undefined ? { since } : {}),
      }),
    };
  }

  /** 下达: a template named by `templateId` lends its attachment when the body does not mention one. */
  async issue(by: OrderCaller, body: unknown): Promise<Result<OrderView>> {
    const input = this.withTemplateAttachment(body);
    const decided = decideIssue(this.deps.control(), this.deps.tree(), input, {
      now: this.deps.now(),
      newId: () => `o-${this.deps.newId()}`,
      actor: by.actor,
      policy: this.deps.policy(),
    });
    const done = await this.run(decided);
    return done.ok ? this.view(by, done.value.id) : done;
  }

  private withTemplateAttachment(body: unknown): unknown {
    if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
    const b = body as Record<string, unknown>;
    if (typeof b.templateId !== "string" || "attachment" in b) return body;
    const attachment = this.deps.templates.get(b.templateId)?.template.attachment;
    return attachment == null ? body : { ...b, attachment };
  }

  sign(by: OrderCaller, orderId: string, unitId: string, body: unknown): Promise<Result<OrderView>> {
    return this.queue.run(`${orderId}|${unitId}`, async () => {
      const s = this.deps.control();
      const ctx = { now: this.deps.now(), actor: by.actor, prisonScope: by.prisonScope, policy: this.deps.policy() };
      const done = await this.run(decideSign(s, orderId, unitId, body, ctx));
      return done.ok ? this.view(by, orderId) : done;
    });
  }

  feedback(by: OrderCaller, orderId: string, unitId: string, body: unknown): Promise<Result<OrderView>> {
    return this.queue.run(`${orderId}|${unitId}`, async () => {
      const s = this.deps.control();
      const ctx = { now: this.deps.now(), actor: by.actor, prisonScope: by.prisonScope, policy: this.deps.policy() };
      const done = await this.run(decideFeedback(s, orderId, unitId, body, ctx));
      return done.ok ? this.view(by, orderId) : done;
    });
  }

  /**
   * A receipt from a prison's edge gateway (docs/api/uplink.md), decided like the unit's own: delivered,
   * signed, or its `n`-th report back. Idempotent: what the bureau already has (delivered or signed, or a
   * report `n` it already counts) is `duplicate`, with nothing appended.
   */
  upperReceipt(
    by: OrderCaller,
    orderId: string,
    unitId: string,
    r: UpperReceipt,
  ): Promise<Result<{ duplicate: boolean }>> {
    return this.queue.run(`${orderId}|${unitId}`, async () => {
      const s = this.deps.control();
      const ctx = { now: this.deps.now(), actor: by.actor, prisonScope: by.prisonScope, policy: this.deps.policy() };
      if (r.kind === "delivered") {
        const d = await this.run(decideDelivered(s, orderId, unitId, ctx));
        return d.ok ? { ok: true, value: { duplicate: d.value.already } } : d;
      }
      if (r.kind === "signed") {
        const d = await this.run(decideSign(s, orderId, unitId, { note: r.note }, ctx));
        return d.ok ? { ok: true, value: { duplicate: d.value.already } } : d;
      }
      const known = s.orders.byId[orderId]?.targets.find((t) => t.unitId === unitId)?.feedback.length ?? 0;
      if (known > r.n) return { ok: true, value: { duplicate: true } };
      const d = await this.run(decideFeedback(s, orderId, unitId, { text: r.text, image: r.image }, ctx));
      return d.ok ? { ok: true, value: { duplicate: false } } : d;
    });
  }

  remind(by: OrderCaller, orderId: string, body: unknown): Promise<Result<{ reminded: string[]; order: OrderView }>> {
    return this.queue.run(`remind|${orderId}`, async () => {
      const ctx = { now: this.deps.now(), actor: by.actor, prisonScope: by.prisonScope };
      const done = await this.run(decideRemind(this.deps.control(), orderId, body, ctx));
      if (!done.ok) return done;
      const order = this.view(by, orderId);
      return order.ok ? { ok: true, value: { reminded: done.value.reminded, order: order.value } } : order;
    });
  }

  /**
   * A terminal received `orderId` for `unitId` (its live socket said so). Batched: every ack of this
   * tick is decided against the state and appended together. Unknown or out-of-scope acks are dropped.
   */
  ack(by: OrderCaller, orderId: string, unitId: string): void {
    if (this.closed) return;
    this.acks.set(`${orderId}|${unitId}`, { orderId, unitId, by });
    this.ackFlush ??= setImmediate(() => void this.flushAcks());
  }

  private async flushAcks(): Promise<void> {
    this.ackFlush = null;
    const batch = [...this.acks.values()];
    this.acks = new Map();
    const s = this.deps.control();
    const now = this.deps.now();
    const events = batch.flatMap(({ orderId, unitId, by }) => {
      const d = decideDelivered(s, orderId, unitId, { now, actor: by.actor, prisonScope: by.prisonScope });
      return d.ok ? d.events : [];
    });
    if (events.length === 0) return;
    // A second ack racing this append decides on the old state: the reducer ignores its duplicate.
    await this.queue.run("acks", () => this.deps.commit(events));
  }

  /** The order's attachment (bare base64) if `by` may see the order. */
  attachment(by: Pick<OrderCaller, "prisonScope">, orderId: string): Result<string> {
    const orders = this.deps.control().orders;
    const order = orders.byId[orderId];
    if (order === undefined) return notFound(`No order ${orderId}.`);
    if (scopeOrder(order, by.prisonScope) === null) {
      return { ok: false, error: { code: "forbidden", message: "This order is not for your prison." } };
    }
    const image = orderAttachment(orders, orderId);
    return image === null ? notFound(`Order ${orderId} has no attachment.`) : { ok: true, value: image };
  }

  /** The image of `unitId`'s `n`-th report back, if `by` may see that target. */
  feedbackImage(by: Pick<OrderCaller, "prisonScope">, orderId: string, unitId: string, n: number): Result<string> {
    const orders = this.deps.control().orders;
    const found = lookupTarget(orders, orderId, unitId, by.prisonScope);
    if (!found.ok) return found;
    const image = feedbackImage(orders, orderId, unitId, n);
    return image === null ? notFound(`No image in report ${n} of ${unitId}.`) : { ok: true, value: image };
  }

  templates(): SavedTemplate[] {
    return this.deps.templates.list();
  }

  async saveTemplate(by: OrderCaller, body: unknown, id?: string): Promise<Result<SavedTemplate>> {
    const parsed = parseWith(zOrderTemplate, body);
    if (!parsed.ok) return parsed;
    const templateId = id ?? `t-${this.deps.newId()}`;
    await this.deps.commit([
      { type: "order.template.saved", actor: by.actor, data: { id: templateId, template: parsed.value } },
    ]);
    const saved = this.deps.templates.get(templateId);
    return saved === undefined ? notFound(`No template ${templateId}.`) : { ok: true, value: saved };
  }

  async deleteTemplate(by: OrderCaller, id: string): Promise<Result<null>> {
    if (this.deps.templates.get(id) === undefined) return notFound(`No template ${id}.`);
    await this.deps.commit([{ type: "order.template.deleted", actor: by.actor, data: { id } }]);
    return { ok: true, value: null };
  }

  /** Drops pending acks (their terminals re-acknowledge on reconnect: delivery is re-sent until logged). */
  close(): void {
    this.closed = true;
    if (this.ackFlush !== null) clearImmediate(this.ackFlush);
    this.ackFlush = null;
    this.acks.clear();
  }
}
