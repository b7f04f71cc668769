import { zSessionInfo } from "@cw/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EarlyWindow } from "../src/api/earlyRequests";
import { HttpError, onUnauthenticated, request, requestParsed } from "../src/api/http";

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function respond(status: number, body: string) {
  globalThis.fetch = vi.fn(async () => new Response(status === 204 ? null : body, { status }));
}

describe("request", () => {
  it.each([
    {
      name: "catalogue error body",
      status: 429,
      body: '{"code":"rate_limited","message":"slow down"}',
      code: "rate_limited",
      message: "slow down",
    },
    {
      name: "unknown code in body → by status",
      status: 403,
      body: '{"code":"nope","message":"x"}',
      code: "forbidden",
      message: "",
    },
    { name: "non-JSON body → by status", status: 404, body: "<html>", code: "not_found", message: "" },
    { name: "unmapped status → unavailable", status: 502, body: "", code: "unavailable", message: "" },
  ])("$name", async ({ status, body, code, message }) => {
    respond(status, body);
    const err = await request("/api/v1/x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(status);
    expect((err as HttpError).code).toBe(code);
    if (message) expect((err as HttpError).message).toBe(message);
  });

  it("adopts a GET the boot script sent, once; a later one, or another method, goes out itself", async () => {
    respond(200, '{"from":"fetch"}');
    const early = new Map([["/api/v1/tree?shape=columns", Promise.resolve(new Response('{"from":"boot"}'))]]);
    (globalThis as EarlyWindow).__cwEarly = early;
    try {
      expect(await request("/api/v1/tree?shape=columns")).toEqual({ from: "boot" });
      expect(globalThis.fetch).not.toHaveBeenCalled();
      expect(await request("/api/v1/tree?shape=columns")).toEqual({ from: "fetch" });
      early.set("/x", Promise.resolve(new Response('{"from":"boot"}')));
      expect(await request("/x", { method: "POST", body: {} })).toEqual({ from: "fetch" });
      // A boot request that failed is a network failure like any other.
      early.set("/y", Promise.reject(new TypeError("fetch failed")));
      expect(((await request("/y").catch((e: unknown) => e)) as HttpError).status).toBe(0);
    } finally {
      delete (globalThis as EarlyWindow).__cwEarly;
    }
  });

  it("network failure is status 0", async () => {
    globalThis.fetch = vi.fn(async () => {
      throw new TypeError("fetch failed");
    });
    const err = (await request("/x").catch((e: unknown) => e)) as HttpError;
    expect(err.status).toBe(0);
  });

  it("401 announces a lost session, except on login", async () => {
    const seen = vi.fn();
    const stop = onUnauthenticated(seen);
    respond(401, '{"code":"unauthenticated","message":"log in"}');
    await request("/api/v1/tree").catch(() => {});
    expect(seen).toHaveBeenCalledTimes(1);
    respond(401, '{"code":"bad_credentials","message":"wrong"}');
    await request("/api/v1/session", { method: "POST", body: {}, isLogin: true }).catch(() => {});
    expect(seen).toHaveBeenCalledTimes(1);
    stop();
  });

  it("validates responses with the shared schema", async () => {
    respond(200, '{"username":"u"}');
    const err = (await requestParsed(zSessionInfo, "/api/v1/session").catch((e: unknown) => e)) as HttpError;
    expect(err.body.code).toBe("validation");
    respond(
      200,
      '{"username":"u","displayName":"U","role":"duty","prisonId":null,"expiresAt":1,"tzOffsetMin":480,"now":1}',
    );
    await expect(requestParsed(zSessionInfo, "/api/v1/session")).resolves.toMatchObject({ role: "duty" });
    respond(204, "");
    await expect(request("/api/v1/session", { method: "DELETE" })).resolves.toBeNull();
  });
});
