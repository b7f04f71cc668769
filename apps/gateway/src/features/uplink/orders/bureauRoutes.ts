// The bureau's side of orders across levels (docs/api/uplink.md): a prison's edge pulls the orders for
// its prison (GET /api/v1/feeds/{prisonId}/orders, long poll) and sends its units' receipts back
// (POST …/orders/{orderId}/receipts), each signed with the prison's feed key like every feed request
// (an empty GET body is signed over ""). Receipts are decided by the orders domain's own deciders as if
// the unit had answered here, scoped to that prison (actor `feed:<prisonId>`). Never trusts the edge
// beyond its prison: a receipt for a unit of another prison is 403, an unknown order or unit 404.
import { AppError, orThrow, parseWith } from "@cw/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../../../config";
import { feedKeyConfig } from "../../alarms/config";
import { feedKeyFor } from "../../alarms/feeds/keys";
import { ReplayCache } from "../../alarms/feeds/replay";
import { verifyFeedRequest } from "../../alarms/feeds/routes";
import type { CatalogueStore } from "../../catalogue/store";
import type { OrdersService } from "../../orders/service";
import type { IssuedOrders } from "./issued";
import { zOrdersPull, zUplinkReceipt } from "./wire";

export interface BureauOrderDeps {
  config: Config;
  catalogue: CatalogueStore;
  orders: OrdersService;
  issued: IssuedOrders;
  now: () => number;
}

const PULL_LIMIT = 20;

export function bureauOrderRoutes(app: FastifyInstance, d: BureauOrderDeps): void {
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
    // A replayed pull only re-reads what its sender saw; a replayed receipt is refused like any feed's.
    verifyFeedRequest(req, { prisonId, key, raw, now: d.now(), replay: claim ? replay : null });
    return prisonId;
  };

  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 1024 * 1024 }, (_r, body, done) =>
      done(null, body),
    );

    scope.get("/api/v1/feeds/:prisonId/orders", { config: { auth: "feed" } }, async (req, reply) => {
      const prisonId = verified(req, Buffer.alloc(0), false);
      const q = orThrow(parseWith(zOrdersPull, req.query));
      let answer = await d.issued.after(prisonId, q.after, PULL_LIMIT);
      if (answer.orders.length === 0 && q.wait > 0) {
        const gone = new AbortController();
        reply.raw.once("close", () => gone.abort()); // the edge gave up (or the bureau closes)
        await d.issued.wait(prisonId, q.wait, gone.signal);
        answer = await d.issued.after(prisonId, q.after, PULL_LIMIT);
      }
      return answer;
    });

    scope.post(
      "/api/v1/feeds/:prisonId/orders/:orderId/receipts",
      { config: { auth: "feed" }, bodyLimit: 1024 * 1024 },
      async (req, reply) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const prisonId = verified(req, raw, true);
        let body: unknown;
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          throw new AppError("invalid_json", "The body is not valid JSON.");
        }
        const r = orThrow(parseWith(zUplinkReceipt, body));
        const { orderId } = req.params as { orderId: string };
        const by = { actor: `feed:${prisonId}` as const, prisonScope: prisonId };
        const done = orThrow(await d.orders.upperReceipt(by, orderId, r.unitId, r));
        return reply.code(202).send({ id: orderId, duplicate: done.duplicate });
      },
    );
  });
}
