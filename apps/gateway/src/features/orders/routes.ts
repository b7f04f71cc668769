// Orders (指令) over HTTP: compose and list for the command centre, the command view with its receipt
// matrix, sign for (签收) and report back (反馈) for a prison's operator, remind (催办), images, and
// templates. Every body goes through the domain deciders (zod inside); errors come from the catalogue.
// Operators reach only their own prison's orders and targets (403 otherwise). See docs/api/orders.md.
import { userActor } from "@cw/alerts";
import { AppError, idPattern, scopeOf } from "@cw/protocol";
import type { FastifyInstance, FastifyReply } from "fastify";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { OrderCaller, OrdersService } from "./service";
import { templateWire } from "./templates";

/** Bodies carrying a base64 image (≤ 512 KB decoded ≈ 700 KB of text) plus the rest of the fields. */
export const orderBodyLimit = 800 * 1024;

/** The acting session as the service sees it; reads need orders.view (403 otherwise). */
const readerOf = (session: Session): OrderCaller => {
  requireCan(session, "orders.view");
  return actorOf(session);
};

const actorOf = (session: Session): OrderCaller => ({
  actor: userActor(session.user.username),
  prisonScope: scopeOf(session),
});

function id(raw: string, field: string): string {
  if (!idPattern.test(raw)) throw new AppError("not_found", `no ${field} ${raw.slice(0, 64)}`, field);
  return raw;
}

/** Sends a bare base64 JPEG/PNG (validated when it was logged) as its bytes. */
function sendImage(reply: FastifyReply, base64: string): FastifyReply {
  const bytes = Buffer.from(base64, "base64");
  const type = bytes[0] === 0xff ? "image/jpeg" : "image/png";
  return reply.type(type).header("cache-control", "private, max-age=3600").send(bytes);
}

type P = { Params: { id: string; unitId: string; n: string } };

export function orderRoutes(app: FastifyInstance, deps: { orders: OrdersService }): void {
  const { orders } = deps;
  const big = { bodyLimit: orderBodyLimit };

  app.post("/api/v1/orders", big, async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "orders.issue");
    const view = orThrow(await orders.issue(actorOf(session), req.body));
    return reply.code(201).send(view);
  });

  app.get("/api/v1/orders", async (req) => orThrow(orders.list(readerOf(requireSession(req)), req.query)));

  app.get<P>("/api/v1/orders/:id", async (req) =>
    orThrow(orders.view(readerOf(requireSession(req)), id(req.params.id, "order"))),
  );

  app.get<P>("/api/v1/orders/:id/attachment", async (req, reply) => {
    const by = readerOf(requireSession(req));
    return sendImage(reply, orThrow(orders.attachment(by, id(req.params.id, "order"))));
  });

  app.post<P>("/api/v1/orders/:id/targets/:unitId/sign", async (req) => {
    const session = requireSession(req);
    requireCan(session, "orders.sign");
    const [orderId, unitId] = [id(req.params.id, "order"), id(req.params.unitId, "unit")];
    return orThrow(await orders.sign(actorOf(session), orderId, unitId, req.body ?? {}));
  });

  app.post<P>("/api/v1/orders/:id/targets/:unitId/feedback", big, async (req) => {
    const session = requireSession(req);
    requireCan(session, "orders.report");
    const [orderId, unitId] = [id(req.params.id, "order"), id(req.params.unitId, "unit")];
    return orThrow(await orders.feedback(actorOf(session), orderId, unitId, req.body));
  });

  app.get<P>("/api/v1/orders/:id/targets/:unitId/feedback/:n/image", async (req, reply) => {
    const by = readerOf(requireSession(req));
    const n = /^\d{1,4}$/.test(req.params.n) ? Number(req.params.n) : -1;
    if (n < 0) throw new AppError("not_found", "no such report back", "n");
    const image = orders.feedbackImage(by, id(req.params.id, "order"), id(req.params.unitId, "unit"), n);
    return sendImage(reply, orThrow(image));
  });

  app.post<P>("/api/v1/orders/:id/remind", async (req) => {
    const session = requireSession(req);
    requireCan(session, "orders.issue");
    return orThrow(await orders.remind(actorOf(session), id(req.params.id, "order"), req.body ?? {}));
  });

  app.get("/api/v1/order-templates", async (req) => {
    requireCan(requireSession(req), "orders.issue");
    return orders.templates().map(templateWire);
  });

  app.post("/api/v1/order-templates", big, async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "orders.issue");
    const saved = orThrow(await orders.saveTemplate(actorOf(session), req.body));
    return reply.code(201).send(templateWire(saved));
  });

  app.delete<P>("/api/v1/order-templates/:id", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "orders.issue");
    orThrow(await orders.deleteTemplate(actorOf(session), id(req.params.id, "template")));
    return reply.code(204).send();
  });
}
