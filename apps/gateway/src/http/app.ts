// Builds the fastify app: plugins, the path guard, the auth gate, metrics timing, the error and
// not-found handlers, and every route group. Knows nothing about how the media plane is made.
import { AppError } from "@cw/protocol";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyWebsocket from "@fastify/websocket";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import type { Core } from "../core";
import type { Runtime } from "../features/feature";
import type { LiveHub } from "../live/hub";
import { liveRoutes } from "../live/route";
import { installAuth } from "./auth";
import type { AuthMode } from "./context";
import { installEdgeGuards } from "./edgeGuards";
import { installErrorHandler, sendError } from "./errors";
import { opsRoutes } from "./opsRoutes";
import type { TlsFiles } from "./tls";
import { wallStatic } from "./wallStatic";

/** What the app is built from: the core (its features bring their routes), the runtime, the live hub. */
export interface AppParts {
  core: Core;
  rt: Runtime;
  hub: LiveHub;
  /** Routes of add-ons made outside the feature list (GB/T 28181). */
  extra?: ReadonlyArray<(app: FastifyInstance) => void>;
}

export interface RouteInfo {
  method: string;
  url: string;
  auth: AuthMode;
}

/** `..` in a path, plain or percent-encoded, or an encoded slash: never a legitimate request here. */
export function isTraversal(rawUrl: string): boolean {
  const path = rawUrl.split("?")[0] ?? "";
  if (/%2f|%5c|\\/i.test(path)) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  return /(^|\/)\.\.(\/|$)/.test(decoded) || decoded.includes("\0");
}

/**
 * br or gzip for JSON and the wall's text assets, over 1 KiB (the 15 000-camera tree: 1.6 MiB → 18 KiB br).
 * Media is never touched: playlists (application/vnd.apple.mpegurl) and segments go out as they are, so
 * nothing is buffered in front of the live edge.
 */
export const compression = {
  encodings: ["br", "gzip"] as Array<"br" | "gzip">,
  threshold: 1024,
  customTypes: /^(application\/(json|javascript)|text\/(html|css|javascript|plain|csv)|image\/svg\+xml)(;|$)/,
};

export async function buildApp(
  parts: AppParts,
  wallDir: string,
  tls: TlsFiles | null = null,
): Promise<{ app: FastifyInstance; routes: RouteInfo[] }> {
  const { core, rt, hub } = parts;
  const { metrics } = rt;
  const app = Fastify({
    loggerInstance: core.log.child({ part: "http" }) as FastifyBaseLogger,
    // Request URLs carry HLS tokens: log our own line with the route pattern instead.
    logController: new LogController({ disableRequestLogging: true }),
    // HLS tokens are ~150 characters; the default 100 would leave those URLs unmatched.
    routerOptions: { maxParamLength: 512 },
    bodyLimit: core.config.bodyLimitBytes,
    forceCloseConnections: true,
    return503OnClosing: true,
    // HTTPS: HTTP/2 for browsers (many tiles over one connection), HTTP/1.1 on the same port for WebSocket
    // upgrades and older clients. Routes see the same request/reply API either way.
    ...(tls ? { http2: true, https: { allowHTTP1: true, cert: tls.cert, key: tls.key } } : {}),
  } as FastifyServerOptions) as unknown as FastifyInstance;
  const routes: RouteInfo[] = [];
  app.addHook("onRoute", (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      routes.push({ method, url: r.url, auth: (r.config as { auth?: AuthMode } | undefined)?.auth ?? "session" });
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifyCompress, compression);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError("rate_limited"),
  });
  // Feed frames carry base64 snapshots (feedBodyLimitBytes); everything else stays small.
  const maxPayload = Math.max(64 * 1024, core.config.feedBodyLimitBytes + 16 * 1024);
  await app.register(fastifyWebsocket, { options: { maxPayload } });

  app.addHook("onRequest", async (req) => {
    if (isTraversal(req.url)) throw new AppError("bad_request", "the path must not contain '..' or encoded slashes");
  });
  installEdgeGuards(app, {
    tls: tls !== null,
    frameAncestors: core.config.frameAncestors,
    allowedOrigins: core.config.allowedOrigins,
  });
  installAuth(app, {
    sessions: core.features.sessions.store,
    commit: core.commit,
    now: core.now,
    metricsToken: core.config.metricsToken,
  });
  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    const status = String(reply.statusCode);
    metrics.httpDuration.observe({ route, method: req.method, status }, reply.elapsedTime / 1000);
    req.log.debug({ route, method: req.method, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, "http");
  });
  installErrorHandler(app);
  app.setNotFoundHandler((req, reply) =>
    sendError(reply, 404, { code: "not_found", message: `no route ${req.method} ${req.url.split("?")[0]}` }),
  );

  opsRoutes(app, { now: core.now, eventLog: core.eventLog, metrics });
  liveRoutes(app, hub);
  for (const f of core.featureList) f.routes?.(app, rt);
  for (const routes of parts.extra ?? []) routes(app);
  await wallStatic(app, wallDir);
  await app.ready();
  return { app, routes };
}
