// The one place HTTP errors are answered: AppError, zod errors and fastify's own errors (bad JSON,
// body too large, wrong content type, rate limit) become 4xx JSON {code, message, field?} from the
// error catalogue. Anything else is a bug: logged with its stack, answered 500 without details.
import { type ApiError, AppError, type ErrorCode, errorCatalogue, fromZod, type Result } from "@cw/protocol";
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

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const mapped = toApiError(err);
    if (mapped) {
      if (mapped.status >= 500) req.log.warn({ err }, "request failed");
      return sendError(reply, mapped.status, mapped.body);
    }
    req.log.error({ err }, "unhandled error");
    return sendError(reply, 500, { code: "unavailable", message: "Internal error: the gateway logged it." });
  });
}

/** Unwraps an errors-as-data result, throwing its error for the handler above. */
export function orThrow<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new AppError(r.error.code, r.error.message, r.error.field);
}
