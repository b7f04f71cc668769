// A fetch that answers through the app's own routes in-process (fastify inject): same hooks, auth and
// validation as a network request, no socket and no TLS. Used by the demo feed simulator when the gateway
// serves HTTPS with a certificate a local client would not trust.
import type { FastifyInstance, HTTPMethods } from "fastify";

export function injectFetch(app: FastifyInstance): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const res = await app.inject({
      method: (init?.method ?? "GET") as HTTPMethods,
      url: url.pathname + url.search,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      ...(typeof init?.body === "string" ? { payload: init.body } : {}),
    });
    const headers = new Headers();
    const type = res.headers["content-type"];
    if (typeof type === "string") headers.set("content-type", type);
    const empty = res.statusCode === 204 || res.statusCode === 304 || res.body === "";
    return new Response(empty ? null : res.body, { status: res.statusCode, headers });
  }) as typeof fetch;
}
