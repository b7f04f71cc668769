// The bureau's side of the control plane across levels (docs/api/uplink.md): a prison's edge pulls what
// goes down for its prison (GET /api/v1/feeds/{prisonId}/downlink, long poll: orders and the bureau's
// handling of that edge's alarms; the older GET …/orders: orders only) and sends up its units' receipts
// (POST …/orders/{orderId}/receipts) and its own handling of the alarms it forwarded
// (POST …/alarm-handling), each signed with the prison's feed key like every feed request (an empty GET
// body is signed over ""). Ups are decided by the domain's own deciders as if done here, scoped to that
// prison (actor `feed:<prisonId>`). Never trusts the edge beyond its prison: a unit of another prison is
// 403, an unknown order, unit or alarm 404.
import { sourceKey } from "@cw/alerts";
import { AppError, orThrow, parseWith } from "@cw/protocol";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../../config";
import { feedKeyConfig } from "../../alarms/config";
import { feedKeyFor } from "../../alarms/feeds/keys";
import { ReplayCache } from "../../alarms/feeds/replay";
import { verifyFeedRequest } from "../../alarms/feeds/routes";
import type { ControlPlane } from "../../alarms/plane";
import type { CatalogueStore } from "../../catalogue/store";
import type { OrdersService } from "../../orders/service";
import type { DownIndex } from "./downIndex";
import { type DownItem, zOrdersPull, zUplinkHandling, zUplinkReceipt } from "./wire";

export interface BureauDownDeps {
  config: Config;
  catalogue: CatalogueStore;
  orders: OrdersService;
  control: ControlPlane;
  down: DownIndex;
  now: () => number;
}

const PULL_LIMIT = 20;

function jsonOf(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
}

export function bureauDownRoutes(app: FastifyInstance, d: BureauDownDeps): void {
  const keys = feedKeyConfig(d.config);
  const replay = new ReplayCache();

  /** The prison of the path, after its key verified the signature over the raw body. */
  const verified = (req: FastifyRequest, raw: Buffer, claim: boolean): string => {
    const { prisonId } = req.params as { prisonId: string };
    if (d.catalogue.prison(prisonId) === undefined) throw new AppError("not_found", `No prison ${prisonId}.`);
    const key = feedKeyFor(keys, prisonId);
    if (key === null) {
      throw new AppError("bad_signature", `No feed key is configured for prison ${prisonId}.`, "X-Feed-Signature");
    }
    // A replayed pull only re-reads what its sender saw; a replayed up is refused like any feed's.
    verifyFeedRequest(req, { prisonId, key, raw, now: d.now(), replay: claim ? replay : null });
    return prisonId;
  };

  /** A long poll: what is new after `after`, waiting up to `wait` ms when nothing is. */
  const pull = async (req: FastifyRequest, reply: FastifyReply, kind?: DownItem["kind"]) => {
    const prisonId = verified(req, Buffer.alloc(0), false);
    const q = orThrow(parseWith(zOrdersPull, req.query));
    let answer = await d.down.after(prisonId, q.after, PULL_LIMIT, kind);
    if (answer.items.length === 0 && q.wait > 0) {
      const gone = new AbortController();
      reply.raw.once("close", () => gone.abort()); // the edge gave up (or the bureau closes)
      await d.down.wait(prisonId, q.wait, gone.signal);
      answer = await d.down.after(prisonId, q.after, PULL_LIMIT, kind);
    }
    return answer;
  };

  /** A signed up: the prison and the JSON body. */
  const up = (req: FastifyRequest) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const prisonId = verified(req, raw, true);
    return { prisonId, body: jsonOf(raw) };
  };

  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 1024 * 1024 }, (_r, body, done) =>
      done(null, body),
    );

    scope.get("/api/v1/feeds/:prisonId/downlink", { config: { auth: "feed" } }, (req, reply) => pull(req, reply));

    scope.get("/api/v1/feeds/:prisonId/orders", { config: { auth: "feed" } }, async (req, reply) => {
      const { items, next } = await pull(req, reply, "order");
      return { orders: items.flatMap((i) => (i.kind === "order" ? [{ seq: i.seq, order: i.order }] : [])), next };
    });

    scope.post(
      "/api/v1/feeds/:prisonId/orders/:orderId/receipts",
      { config: { auth: "feed" }, bodyLimit: 1024 * 1024 },
      async (req, reply) => {
        const { prisonId, body } = up(req);
        const r = orThrow(parseWith(zUplinkReceipt, body));
        const { orderId } = req.params as { orderId: string };
        const by = { actor: `feed:${prisonId}` as const, prisonScope: prisonId };
        const done = orThrow(await d.orders.upperReceipt(by, orderId, r.unitId, r));
        return reply.code(202).send({ id: orderId, duplicate: done.duplicate });
      },
    );

    scope.post("/api/v1/feeds/:prisonId/alarm-handling", { config: { auth: "feed" } }, async (req, reply) => {
      const { prisonId, body } = up(req);
      const h = orThrow(parseWith(zUplinkHandling, body));
      const alarmId = d.control.projection.state.alarms.bySource[sourceKey(prisonId, h.sourceId)];
      if (alarmId === undefined) {
        throw new AppError("not_found", `No alarm with sourceId ${h.sourceId} in prison ${prisonId}.`, "sourceId");
      }
      const actor = `feed:${prisonId}` as const;
      const via = { prisonId, name: h.by };
      const c = d.control.commands;
      const r =
        h.kind === "acknowledged"
          ? await c.ack(alarmId, { note: h.note }, actor, prisonId, via)
          : await c.resolve(alarmId, { disposition: h.disposition, note: h.note }, actor, prisonId, via);
      // Handled already (here, or by the first copy of this record): nothing appended.
      if (!r.ok && r.error.code === "conflict") return reply.code(202).send({ id: alarmId, duplicate: true });
      orThrow(r);
      return reply.code(202).send({ id: alarmId, duplicate: false });
    });
  });
}
