// GET /api/v1/cameras/:id/play?variant=main|sub → {hls, variant, codec, expiresAt}: a path-relative
// LL-HLS URL carrying a signed, short-lived token bound to this session, camera and variant. The view
// itself is logged when the playlist is first fetched (hlsRoutes.ts), not here.
import { randomBytes } from "node:crypto";
import { type PlayResponse, parseWith, zVariant } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { signToken } from "../auth/hlsToken";
import { sessionHashPrefix } from "../auth/sessions";
import { requireSession } from "./auth";
import { visibleCamera } from "./catalogueRoutes";
import type { HttpContext } from "./context";
import { orThrow } from "./errors";

const zPlayQuery = z.object({ variant: zVariant.default("main") });

export function playRoutes(app: FastifyInstance, { core }: HttpContext): void {
  app.get<{ Params: { id: string } }>("/api/v1/cameras/:id/play", async (req): Promise<PlayResponse> => {
    const session = requireSession(req);
    const camera = visibleCamera(core, session, req.params.id);
    const query = orThrow(parseWith(zPlayQuery, req.query));
    // A camera without a sub stream plays its main stream; the answer says which one it got.
    const variant = query.variant === "sub" && !camera.hasSubStream ? "main" : query.variant;
    const e = Math.floor(core.now() / 1000) + core.config.hlsTokenTtlS;
    const n = randomBytes(6).toString("base64url");
    const s = sessionHashPrefix(session.hash);
    const token = signToken(core.secret, { s, c: camera.id, v: variant, e, n });
    const all = signToken(core.secret, { s, c: camera.id, v: "all", e, n: `${n}m` });
    return {
      hls: `/hls/${token}/${camera.id}/${variant}/index.m3u8`,
      multivariant: `/hls/${all}/${camera.id}/index.m3u8`,
      variant,
      codec: camera.codec,
      expiresAt: e * 1000,
    };
  });
}
