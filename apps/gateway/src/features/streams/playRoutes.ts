// GET /api/v1/cameras/:id/play?variant=main|sub&path=passthrough|transcode → {hls, multivariant, variant,
// rendition, path, codec, codecs, expiresAt}: a path-relative LL-HLS URL carrying a signed, short-lived
// token bound to this session, camera and rendition. `path=transcode` starts the camera's H.264 rendition
// now, so a full budget is refused here (transcode_full) rather than as a black tile. The view itself is
// logged when the playlist is first fetched (hlsRoutes.ts), not here.
import { randomBytes } from "node:crypto";
import { AppError, type PlayResponse, parseWith, type Rendition, zVariant } from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { signToken } from "../../auth/hlsToken";
import { sessionHashPrefix } from "../../auth/sessions";
import type { Config } from "../../config";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import { type CameraLookup, visibleCamera } from "../catalogue/routes";

const zPlayQuery = z.object({
  variant: zVariant.default("main"),
  path: z.enum(["passthrough", "transcode"]).default("passthrough"),
});

/** What the wall probes before a camera's stream has run: a typical string for the flagged codec. */
const TYPICAL_CODECS = { h264: "avc1.640028", h265: "hvc1.1.6.L120.90", unknown: undefined } as const;

export function playRoutes(
  app: FastifyInstance,
  deps: CameraLookup & { config: Config; secret: Buffer; now: () => number; media: StreamRegistry },
): void {
  const { config, secret, now, media } = deps;
  app.get<{ Params: { id: string } }>("/api/v1/cameras/:id/play", async (req): Promise<PlayResponse> => {
    const session = requireSession(req);
    const camera = visibleCamera(deps, session, req.params.id);
    const query = orThrow(parseWith(zPlayQuery, req.query));
    // A camera without a sub stream plays its main stream; the answer says which one it got.
    const variant = query.variant === "sub" && !camera.hasSubStream ? "main" : query.variant;
    const rendition: Rendition = query.path === "transcode" ? `${variant}-h264` : variant;
    if (query.path === "transcode") {
      const started = await media.start(camera.id, rendition);
      if (!started.ok) {
        const { code, message, field } = started.error;
        throw new AppError(code, code === "transcode_full" ? `transcode budget full: ${camera.name}` : message, field);
      }
    }
    const own = media.health().find((h) => h.cameraId === camera.id && h.variant === variant && !h.rendition);
    const codecs = own?.codecs ?? TYPICAL_CODECS[camera.codec];
    const e = Math.floor(now() / 1000) + config.hlsTokenTtlS;
    const n = randomBytes(6).toString("base64url");
    const s = sessionHashPrefix(session.hash);
    const token = signToken(secret, { s, c: camera.id, v: rendition, e, n });
    const all = signToken(secret, { s, c: camera.id, v: "all", e, n: `${n}m` });
    return {
      hls: `/hls/${token}/${camera.id}/${rendition}/index.m3u8`,
      multivariant: `/hls/${all}/${camera.id}/index.m3u8`,
      variant,
      rendition,
      path: query.path,
      codec: camera.codec,
      ...(codecs ? { codecs } : {}),
      expiresAt: e * 1000,
    };
  });
}
