// GET /hls/:token/:camera/:variant/:file — the LL-HLS edge. The signed token in the path stands for
// the session (hls.js sends no headers); it is checked on every request, slides while used, and its
// first playlist request logs view.started (who, camera, when, from where) before anything is served.
// Blocking playlist reloads are cancelled when the client goes away.

import { userActor } from "@cw/alerts";
import { type ApiError, AppError, errorCatalogue, type Rendition, variantOf, zRendition } from "@cw/protocol";
import type { Served, StreamRegistry } from "@cw/streams";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { readToken } from "../../auth/hlsToken";
import { admitPathToken, type PathTokenDeps } from "../../auth/pathToken";
import type { Commit } from "../../events/codec";
import { sendError } from "../../http/errors";
import type { Metrics } from "../../metrics";
import { type HlsFile, parseHlsFile, parsePlaylistQuery } from "./hlsFiles";
import type { ViewTracker } from "./views";

interface Params {
  token: string;
  camera: string;
  variant: string;
  file: string;
}

const contentTypes: Record<HlsFile["kind"], string> = {
  playlist: "application/vnd.apple.mpegurl",
  init: "video/mp4",
  segment: "video/iso.segment",
  part: "video/iso.segment",
};

/** An AbortSignal that fires when the client disconnects before the answer is complete. */
function clientGone(req: FastifyRequest, reply: FastifyReply): AbortSignal {
  const ac = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableEnded) ac.abort(); // writableEnded: on both HTTP/1.1 and HTTP/2 responses
  });
  req.raw.once("aborted", () => ac.abort());
  return ac.signal;
}

/** What the HLS edge needs: token checks, the log (view.started), the media plane, the byte counter. */
export interface HlsRouteDeps extends PathTokenDeps {
  secret: Buffer;
  views: ViewTracker;
  commit: Commit;
  media: StreamRegistry;
  metrics: Metrics;
}

export function hlsRoutes(app: FastifyInstance, deps: HlsRouteDeps): void {
  const { secret, tokens, commit, media, metrics, views } = deps;
  const badToken = () => new AppError("bad_token");

  /** The token in the path, its session and the camera it names; `variant` null = the multivariant. */
  const admit = async (
    req: FastifyRequest,
    p: { token: string; camera: string },
    variant: Rendition | null,
    playlist: boolean,
  ) => {
    const claims = readToken(secret, p.token);
    if (!claims || claims.c !== p.camera) throw badToken();
    // A multivariant token ("all") opens every rendition of its camera; a rendition token only its own.
    if (claims.v !== "all" && (variant === null || claims.v !== variant)) throw badToken();
    const { session, camera, key } = admitPathToken(deps, p.token, claims, p.camera);
    if (tokens.touch(key, claims, playlist)) {
      const started = {
        cameraId: camera.id,
        prisonId: camera.prisonId,
        variant: variant === null ? ("main" as const) : variantOf(variant),
      };
      await commit([
        {
          type: "view.started",
          actor: userActor(session.user.username),
          data: { ...started, ip: req.ip, userAgent: String(req.headers["user-agent"] ?? "").slice(0, 256) },
        },
      ]);
      views.started(key, { ...started, username: session.user.username });
    } else views.seen(key);
    return { key };
  };

  app.get<{ Params: { token: string; camera: string } }>(
    "/hls/:token/:camera/index.m3u8",
    { config: { auth: "hls" } },
    async (req, reply) => {
      await admit(req, req.params, null, true);
      const served = await media.multivariant(req.params.camera, clientGone(req, reply));
      if (!served.ok) return sendServedError(reply, served.error);
      metrics.bytesOut.inc(Buffer.byteLength(served.value));
      return reply.header("content-type", contentTypes.playlist).header("cache-control", "no-cache").send(served.value);
    },
  );

  app.get<{ Params: Params }>("/hls/:token/:camera/:variant/:file", { config: { auth: "hls" } }, async (req, reply) => {
    const { camera: cameraId, file: fileName } = req.params;
    const v = zRendition.safeParse(req.params.variant);
    if (!v.success) throw badToken();
    const file = parseHlsFile(fileName);
    const { key } = await admit(req, req.params, v.data, file?.kind === "playlist");
    if (!file) throw new AppError("not_found", `no HLS file ${fileName}`, "file");
    const variant = v.data;

    const signal = clientGone(req, reply);
    let served: Served<string> | Served<Buffer>;
    switch (file.kind) {
      case "playlist": {
        const q = parsePlaylistQuery(req.query as Record<string, unknown>);
        if (!q.ok) throw new AppError(q.error.code, q.error.message, q.error.field);
        // One viewer per play URL: the token's key identifies the client for the viewer count.
        served = await media.playlist(cameraId, variant, { ...q.value, clientId: key }, signal);
        break;
      }
      case "init":
        served = await media.init(cameraId, variant, signal, file.version);
        break;
      case "segment":
        served = await media.segment(cameraId, variant, file.msn, signal);
        break;
      case "part":
        served = await media.part(cameraId, variant, file.msn, file.part, signal);
        break;
    }
    if (!served.ok) return sendServedError(reply, served.error);
    const body = served.value;
    metrics.bytesOut.inc(typeof body === "string" ? Buffer.byteLength(body) : body.length);
    return reply
      .header("content-type", contentTypes[file.kind])
      .header("cache-control", file.kind === "playlist" ? "no-cache" : "max-age=60")
      .send(body);
  });
}

function sendServedError(reply: FastifyReply, error: ApiError): FastifyReply {
  const status = errorCatalogue[error.code]?.status ?? 503;
  return sendError(reply, status, error);
}
