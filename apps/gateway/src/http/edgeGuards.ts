// The HTTP edge's browser-facing defences, one place: security headers on every answer (a CSP without
// inline script, no framing but by allowed origins, no MIME sniffing, no referrer), and an Origin /
// fetch-metadata check on every state-changing request and WebSocket upgrade, so a page on another
// origin — another port of the same intranet host included, which SameSite=Lax cookies do not stop —
// cannot act with an operator's session. Owns: the header set and the origin verdict (pure, exported for
// tests). Never: authentication (auth.ts) or the body limit's answer (errors.ts).
import { AppError } from "@cw/protocol";
import type { FastifyInstance } from "fastify";

export interface EdgeOptions {
  /** Served over TLS (cookies get Secure, HSTS is sent). */
  tls: boolean;
  /** Origins allowed to frame the wall's pages (FRAME_ANCESTORS); empty: none. */
  frameAncestors: readonly string[];
  /** Extra origins allowed to make state-changing requests (ALLOWED_ORIGINS), e.g. a reverse proxy's. */
  allowedOrigins: readonly string[];
}

/** The headers every answer carries. */
export function securityHeaders(opts: Pick<EdgeOptions, "tls" | "frameAncestors">): Record<string, string> {
  const ancestors = opts.frameAncestors.length > 0 ? opts.frameAncestors.join(" ") : "'none'";
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // React and the chart/map libraries set element styles; no inline <script> is ever allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // Media Source Extensions play from blob: URLs; hls.js fetches playlists and parts from 'self'.
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${ancestors}`,
  ].join("; ");
  const headers: Record<string, string> = {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "x-frame-options": opts.frameAncestors.length > 0 ? "SAMEORIGIN" : "DENY",
  };
  if (opts.tls) headers["strict-transport-security"] = "max-age=15552000";
  return headers;
}

export interface OriginInput {
  method: string;
  /** The request's own origin as the browser would spell it, e.g. http://10.0.0.5:8080. */
  self: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  upgrade: boolean;
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * null when the request may go on; "bad_origin" when a browser sent it from another origin. Requests
 * without Origin and fetch metadata (curl, a prison system's feed client) are not a browser's and pass:
 * they carry no ambient cookie of an operator.
 */
export function originVerdict(r: OriginInput, allowed: readonly string[] = []): "bad_origin" | null {
  if (safeMethods.has(r.method) && !r.upgrade) return null;
  if (r.origin !== undefined) {
    return r.origin === r.self || allowed.includes(r.origin) ? null : "bad_origin";
  }
  if (r.secFetchSite !== undefined && r.secFetchSite !== "same-origin" && r.secFetchSite !== "none") {
    return "bad_origin";
  }
  return null;
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export function installEdgeGuards(app: FastifyInstance, opts: EdgeOptions): void {
  const headers = securityHeaders(opts);
  const scheme = opts.tls ? "https" : "http";
  app.addHook("onRequest", async (req, reply) => {
    reply.headers(headers);
    const host = header(req.headers.host) ?? header(req.headers[":authority"]);
    const verdict = originVerdict(
      {
        method: req.method,
        self: `${scheme}://${host ?? ""}`,
        origin: header(req.headers.origin),
        secFetchSite: header(req.headers["sec-fetch-site"]),
        upgrade: (header(req.headers.upgrade) ?? "").toLowerCase() === "websocket",
      },
      opts.allowedOrigins,
    );
    if (verdict !== null) {
      throw new AppError(
        "bad_origin",
        "This request came from a page of another origin: open the wall at its own address.",
      );
    }
  });
}
