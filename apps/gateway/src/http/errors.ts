// The one place HTTP errors are answered: AppError, zod errors and fastify's own errors (bad JSON,
// body too large, wrong content type, rate limit) become 4xx JSON {code, message, field?} from the
// error catalogue. Anything else is a bug: logged with its stack, answered 500 without details.
import { type ApiError, AppError, type ErrorCode, errorCatalogue, fromZod } from "@cw/protocol";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ZodError } from "zod";

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_json",
  FST_ERR_CTP_BODY_TOO_LARGE: "too_large",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "bad_request",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "bad_request",
  FST_ERR_VALIDATION: "validation",
  FST_ERR_BAD_URL: "bad_request",
};

const byStatus: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "too_large",
  415: "bad_request",
  429: "rate_limited",
};

const messages: Partial<Record<string, string>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "Send the body as application/json.",
  FST_ERR_CTP_EMPTY_JSON_BODY: "The body is empty but Content-Type says JSON.",
};

/** Maps any thrown value to a status and the wire error. */
export function toApiError(err: unknown): { status: number; body: ApiError } | null {
  if (err instanceof AppError) return { status: err.status, body: err.toJSON() };
  if (err instanceof ZodError) return { status: 422, body: fromZod(err) };
  const e = err as Partial<FastifyError> & { statusCode?: number };
  const fastifyCode = typeof e.code === "string" ? e.code : "";
  const code = fastifyCodes[fastifyCode] ?? (e.statusCode !== undefined ? byStatus[e.statusCode] : undefined);
  if (code === undefined) return null;
  const message = messages[fastifyCode] ?? errorCatalogue[code].message;
  return { status: errorCatalogue[code].status, body: { code, message } };
}

export function sendError(reply: FastifyReply, status: number, body: ApiError): FastifyReply {
  return reply.code(status).type("application/json; charset=utf-8").send(body);
}

/** Bytes of a refused body read and thrown away before the answer; past this the connection is closed. */
export const drainCapBytes = 64 * 1024 * 1024;
const drainTimeoutMs = 15_000;

/**
 * Reads what is left of a request's body (up to `cap` bytes or `timeoutMs`) and throws it away. A body
 * refused for its size is still on its way: answering at once and closing made 10 of 25 Node `fetch`
 * clients sending 5 MB see EPIPE instead of the 413 (they would retry forever).
 */
export function drainRequest(req: FastifyRequest, cap = drainCapBytes, timeoutMs = drainTimeoutMs): Promise<void> {
  const raw = req.raw;
  if (raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      raw.off("data", onData);
      raw.off("end", done);
      raw.off("error", done);
      raw.off("close", done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > cap) done();
    };
    const timer = setTimeout(done, timeoutMs);
    raw.on("data", onData);
    raw.once("end", done);
    raw.once("error", done);
    raw.once("close", done);
    raw.resume();
  });
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const mapped = toApiError(err);
    if (mapped) {
      if (mapped.status >= 500) req.log.warn({ err }, "request failed");
      if (mapped.status === 413) {
        await drainRequest(req);
        if (!req.raw.readableEnded) reply.header("connection", "close");
      }
      return sendError(reply, mapped.status, mapped.body);
    }
    req.log.error({ err }, "unhandled error");
    return sendError(reply, 500, { code: "unavailable", message: "Internal error: the gateway logged it." });
  });
}

/** Results are unwrapped with @cw/protocol's orThrow; its AppError reaches the handler above. */
export { orThrow } from "@cw/protocol";
