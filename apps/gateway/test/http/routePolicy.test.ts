// Route table × roles × camera groups (issue 17): every route the gateway registers has a rule in
// src/http/routePolicy.ts, and a real gateway answers each route as the policy table says — every role
// `can()` refuses gets 403 {code: "forbidden"}, every role it allows gets something else (404/422 for the
// dummy ids and empty bodies), no cookie gets 401 on anything but public, feed and token routes — and a
// restricted camera is refused on every camera-scoped route to a role outside its group. The cases are
// generated from the two tables, so a new route without a rule, or a rule the handler does not keep, fails.
import { type Capability, can, capabilities, type Role, roles } from "@cw/protocol";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddOnCore } from "../../src/gateway";
import { gbRoutes } from "../../src/gb28181/routes";
import type { GbService } from "../../src/gb28181/service";
import { authModeOf, routePolicy, unruledRoutes } from "../../src/http/routePolicy";
import { startTestGateway, type TestGateway } from "../helpers";

const demoUser: Record<Role, string> = {
  admin: "admin",
  commander: "commander",
  chief: "chief",
  duty: "duty",
  operator: "operator-pj",
  viewer: "viewer",
};

let t: TestGateway;
const cookies = new Map<Role, string>();

beforeAll(async () => {
  t = await startTestGateway();
  for (const r of roles) cookies.set(r, await t.login(demoUser[r]));
});
afterAll(() => t.close());

function cookieOf(role: Role): string {
  const c = cookies.get(role);
  if (c === undefined) throw new Error(`no session for ${role}`);
  return c;
}

/** A route's pattern with every parameter filled: a dummy id, or the given camera for `:id` of cameras. */
function pathOf(url: string, camera = "x1"): string {
  return url
    .replace(/^\/api\/v1\/cameras\/:id/, `/api/v1/cameras/${camera}`)
    .replace(/:[A-Za-z]+/g, "x1")
    .replace(/\*$/, "x1");
}

function ask(method: string, path: string, cookie?: string): Promise<Response> {
  const body = method === "GET" || method === "DELETE" ? {} : { json: {} };
  return t.req(path, { method, ...body, ...(cookie ? { cookie } : {}) });
}

/** The GB/T 28181 add-on's routes (not started in this gateway): registered on a bare fastify, never run. */
async function gbRouteKeys(): Promise<string[]> {
  const app = Fastify();
  const keys: string[] = [];
  app.addHook("onRoute", (r) => {
    for (const m of [r.method].flat()) if (m !== "HEAD") keys.push(`${m} ${r.url}`);
  });
  gbRoutes({} as GbService)(app, {} as AddOnCore);
  await app.ready();
  await app.close();
  return keys;
}

const capabilityRoutes = () =>
  t.gw.routes.flatMap((r) => {
    const rule = routePolicy[`${r.method} ${r.url}`];
    return rule !== undefined && (capabilities as readonly string[]).includes(rule)
      ? [{ method: r.method, url: r.url, capability: rule as Capability }]
      : [];
  });

describe("route policy", () => {
  it("every registered route has a rule matching its auth mode, and every rule a route", async () => {
    expect(unruledRoutes(t.gw.routes)).toEqual([]);
    const registered = new Set([...t.gw.routes.map((r) => `${r.method} ${r.url}`), ...(await gbRouteKeys())]);
    expect(Object.keys(routePolicy).filter((k) => !registered.has(k))).toEqual([]);
  });

  it("each role is refused exactly the routes the policy refuses it", async () => {
    const wrong: string[] = [];
    const cases = capabilityRoutes();
    expect(cases.length).toBeGreaterThan(50);
    for (const { method, url, capability } of cases) {
      for (const role of roles) {
        const res = await ask(method, pathOf(url), cookieOf(role));
        const body = (await res.json().catch(() => null)) as { code?: string } | null;
        const refused = res.status === 403 && body?.code === "forbidden";
        if (refused !== !can(role, capability)) {
          wrong.push(`${role} ${method} ${url} (${capability}): ${res.status} ${body?.code ?? ""}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("without a session: 401 on session routes, no 401 on public, feed and token routes", async () => {
    const wrong: string[] = [];
    for (const r of t.gw.routes) {
      const rule = routePolicy[`${r.method} ${r.url}`];
      if (rule === undefined) continue;
      const res = await ask(r.method, pathOf(r.url));
      const body = (await res.json().catch(() => null)) as { code?: string } | null;
      const mode = authModeOf(rule);
      const ok =
        mode === "session" || mode === "metrics"
          ? res.status === 401 && body?.code === "unauthenticated"
          : mode === "public"
            ? res.status !== 401 && res.status !== 403
            : res.status >= 400 && res.status < 500 && res.status !== 401;
      if (!ok) wrong.push(`${r.method} ${r.url} (${rule}): ${res.status} ${body?.code ?? ""}`);
    }
    expect(wrong).toEqual([]);
  });

  it("a restricted camera is refused on every camera-scoped route to a role outside its group", async () => {
    const cam = "pj-b1-s1-cell";
    const group = await t.req("/api/v1/camera-groups", {
      method: "POST",
      cookie: cookieOf("admin"),
      json: { name: "重点监舍", cameraIds: [cam], roles: ["commander"], users: [] },
    });
    expect(group.status).toBe(201);
    const scoped = capabilityRoutes().filter((r) => r.url.startsWith("/api/v1/cameras/:id"));
    expect(scoped.length).toBeGreaterThan(5);
    const wrong: string[] = [];
    for (const { method, url } of scoped) {
      // The chief holds cameras.view, recordings.view, cameras.ptz: outside the group, still refused.
      const res = await ask(method, pathOf(url, cam), cookieOf("chief"));
      if (res.status !== 403 && res.status !== 404) wrong.push(`chief ${method} ${url}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
    // The group's role reads it.
    expect((await t.req(`/api/v1/cameras/${cam}`, { cookie: cookieOf("commander") })).status).toBe(200);
    expect((await t.req(`/api/v1/cameras/${cam}`, { cookie: cookieOf("chief") })).status).toBe(403);
  });
});
