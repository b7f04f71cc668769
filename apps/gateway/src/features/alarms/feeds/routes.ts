// The feeds API for prison systems: POST /api/v1/feeds/{prisonId}/alarms and /rollcalls, and the same
// records over the WebSocket /api/v1/feeds/{prisonId}/ws. No session: each request is signed with the
// prison's key (feeds/signature.ts) over the RAW body bytes, so this scope keeps the body as a Buffer
// and parses JSON itself after the signature check. Order of checks: prison (404), key (401), signature
// and replay (401), JSON (400), fields (422), then the control plane appends durably and answers 202.
// Nothing before the append changes state, so every refusal leaves the state as it was.
import { AppError, orThrow } from "@cw/protocol";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../../config";
import type { Logger } from "../../../log";
import type { CatalogueStore } from "../../catalogue/store";
import { feedKeyConfig } from "../config";
import type { ControlPlane } from "../plane";
import { feedKeyFor } from "./keys";
import { ReplayCache } from "./replay";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyFeedSignature } from "./signature";
import { type AcceptResult, type FeedKind, handleFeedFrame } from "./ws";

const paths: Record<FeedKind, string> = { alarm: "alarms", rollcall: "rollcalls" };

/** What the feeds need: the control plane (which records), the catalogue's prisons, the config, a log. */
export interface FeedDeps {
  control: ControlPlane;
  catalogue: CatalogueStore;
  config: Config;
  now: () => number;
  log: Logger;
}

/** Records one feed body through the control plane; a log failure is `unavailable` (retry). */
export async function acceptFeed(
  d: Pick<FeedDeps, "control" | "log">,
  kind: FeedKind,
  prisonId: string,
  body: unknown,
): Promise<AcceptResult> {
  try {
    const r =
      kind === "alarm"
        ? await d.control.commands.feedAlarm(prisonId, body)
        : await d.control.commands.feedRollCall(prisonId, body);
    return r.ok ? { ok: true, ...r.value } : { ok: false, error: r.error };
  } catch (err) {
    d.log.warn({ err, prisonId, kind }, "feed: the event log could not record it");
    return {
      ok: false,
      error: { code: "unavailable", message: "The event log could not record this: retry, signed afresh." },
    };
  }
}

/**
 * Checks a signed feed request (timestamp window, HMAC over the raw body) and, with a replay cache,
 * refuses a signature seen before; throws the catalogue's 401 otherwise. The uplink's order routes too.
 */
export function verifyFeedRequest(
  req: FastifyRequest,
  c: { prisonId: string; key: string; raw: Buffer; now: number; replay: ReplayCache | null },
): void {
  const verified = orThrow(
    verifyFeedSignature({
      key: c.key,
      timestamp: req.headers[TIMESTAMP_HEADER],
      signature: req.headers[SIGNATURE_HEADER],
      rawBody: c.raw,
      now: c.now,
    }),
  );
  const replayed = c.replay?.claim(c.prisonId, String(req.headers[SIGNATURE_HEADER]), verified.timestamp, c.now);
  if (replayed) throw new AppError(replayed.code, replayed.message, replayed.field);
}

export function feedRoutes(app: FastifyInstance, deps: FeedDeps): void {
  const { config, catalogue } = deps;
  const keys = feedKeyConfig(config);
  const replay = new ReplayCache();
  const limit = config.feedBodyLimitBytes;

  const keyOf = (req: FastifyRequest): { prisonId: string; key: string } => {
    const { prisonId } = req.params as { prisonId: string };
    if (catalogue.prison(prisonId) === undefined) throw new AppError("not_found", `No prison ${prisonId}.`);
    const key = feedKeyFor(keys, prisonId);
    if (key === null) {
      throw new AppError("bad_signature", `No feed key is configured for prison ${prisonId}.`, "X-Feed-Signature");
    }
    return { prisonId, key };
  };

  app.register(async (scope) => {
    // The signature covers the exact bytes: keep them, whatever the content type says.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: limit }, (_req, body, done) => done(null, body));

    for (const kind of ["alarm", "rollcall"] as const) {
      scope.post(
        `/api/v1/feeds/:prisonId/${paths[kind]}`,
        { config: { auth: "feed" }, bodyLimit: limit },
        async (req: FastifyRequest, reply: FastifyReply) => {
          const { prisonId, key } = keyOf(req);
          const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          verifyFeedRequest(req, { prisonId, key, raw, now: deps.now(), replay });
          let body: unknown;
          try {
            body = JSON.parse(raw.toString("utf8"));
          } catch {
            throw new AppError("invalid_json", "The body is not valid JSON.");
          }
          const r = await acceptFeed(deps, kind, prisonId, body);
          if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.field);
          return reply.code(202).send({ id: r.id, duplicate: r.duplicate });
        },
      );
    }

    scope.get(
      "/api/v1/feeds/:prisonId/ws",
      {
        websocket: true,
        config: { auth: "feed" },
        // Before the upgrade: an unknown prison or one without a key gets a plain HTTP answer.
        preValidation: async (req) => {
          keyOf(req);
        },
      },
      (socket, req) => {
        const { prisonId, key } = keyOf(req);
        socket.on("message", (data) => {
          const frame = Buffer.isBuffer(data) ? data.toString("utf8") : String(data);
          void handleFeedFrame(frame, {
            prisonId,
            key,
            now: deps.now(),
            accept: (kind, p, body) => acceptFeed(deps, kind, p, body),
            replay,
            maxBytes: limit,
          }).then((reply) => {
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(reply));
          });
        });
      },
    );
  });
}
