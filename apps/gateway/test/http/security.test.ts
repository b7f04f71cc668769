// Security contract: every non-public route needs a session (401), operators reach only their prison
// (403), HLS tokens that are forged, expired, re-targeted or outlived their session are refused (403).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ config: { hlsTokenTtlS: 5 } });
});
afterAll(() => t.close());

const fill = (url: string) =>
  url.replace(":id", "pj-b1-s1-cell").replace(":token", "x.y").replace(":camera", "pj-b1-s1-cell");

describe("every route without a session", () => {
  it("the route table lists the API", () => {
    const urls = t.gw.routes.map((r) => `${r.method} ${r.url}`);
    for (const expected of [
      "POST /api/v1/session",
      "GET /api/v1/session",
      "DELETE /api/v1/session",
      "GET /api/v1/tree",
      "GET /api/v1/cameras",
      "GET /api/v1/cameras/:id",
      "POST /api/v1/cameras",
      "PATCH /api/v1/cameras/:id",
      "DELETE /api/v1/cameras/:id",
      "GET /api/v1/cameras/:id/play",
      "GET /api/v1/streams",
      "GET /api/v1/audit",
      "GET /api/v1/live",
      "GET /healthz",
      "GET /metrics",
    ]) {
      expect(urls).toContain(expected);
    }
  });

  it("answers 401 unauthenticated on every route that is not public or token-guarded", async () => {
    const guarded = t.gw.routes.filter((r) => r.auth === "session" || r.auth === "metrics");
    expect(guarded.length).toBeGreaterThanOrEqual(12);
    for (const r of guarded) {
      const hasBody = r.method === "POST" || r.method === "PATCH" || r.method === "PUT";
      const res = await t.req(fill(r.url), { method: r.method, ...(hasBody ? { json: {} } : {}) });
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
      expect(await res.json(), `${r.method} ${r.url}`).toMatchObject({ code: "unauthenticated" });
    }
  });

  it("answers 401 with a forged cookie", async () => {
    const res = await t.req("/api/v1/tree", { cookie: "cw_session=forged" });
    expect(res.status).toBe(401);
  });

  it("leaves /healthz open and only /healthz of the API (and the evidence public key, which is public by design)", async () => {
    const open = t.gw.routes.filter((r) => r.auth === "public").map((r) => `${r.method} ${r.url}`);
    expect(open.sort()).toEqual(["GET /*", "GET /api/v1/evidence/public-key", "GET /healthz", "POST /api/v1/session"]);
    expect((await t.req("/healthz")).status).toBe(200);
  });
});

describe("operator scoping", () => {
  it("lets an operator reach its own prison only", async () => {
    const cookie = await t.login("operator-pj");
    const own = await t.req("/api/v1/cameras/pj-b1-s1-cell", { cookie });
    expect(own.status).toBe(200);
    for (const path of [
      "/api/v1/cameras/jz-b1-s1-cell",
      "/api/v1/cameras/jz-b1-s1-cell/play",
      "/api/v1/cameras?prisonId=jz",
    ]) {
      const res = await t.req(path, { cookie });
      expect(res.status, path).toBe(403);
      expect(await res.json()).toMatchObject({ code: "forbidden" });
    }
    const tree = (await (await t.req("/api/v1/tree", { cookie })).json()) as { children: Array<{ id: string }> };
    expect(tree.children.map((c) => c.id)).toEqual(["pj"]);
    const cams = (await (await t.req("/api/v1/cameras", { cookie })).json()) as Array<{ prisonId: string }>;
    expect(cams.length).toBeGreaterThan(0);
    expect(new Set(cams.map((c) => c.prisonId))).toEqual(new Set(["pj"]));
  });

  it("answers 404 for an unknown camera, 403 only for real cameras of other prisons", async () => {
    const cookie = await t.login("operator-pj");
    const res = await t.req("/api/v1/cameras/nope", { cookie });
    expect(res.status).toBe(404);
  });
});

describe("HLS tokens", () => {
  async function play(cookie: string, camera = "pj-b1-s1-cell"): Promise<string> {
    const res = await t.req(`/api/v1/cameras/${camera}/play?variant=sub`, { cookie });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { hls: string; variant: string; expiresAt: number };
    expect(body.variant).toBe("sub");
    expect(body.hls).toMatch(/^\/hls\/[^/]+\/pj-b1-s1-cell\/sub\/index\.m3u8$/);
    return body.hls;
  }

  it("serves with a valid token", async () => {
    const hls = await play(await t.login("commander"));
    const res = await t.req(hls);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/vnd.apple.mpegurl");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const base = hls.replace("index.m3u8", "");
    const seg = await t.req(`${base}s3.m4s`);
    expect(seg.status).toBe(200);
    expect(seg.headers.get("content-type")).toBe("video/iso.segment");
    expect(seg.headers.get("cache-control")).toBe("max-age=60");
    expect((await t.req(`${base}p3.1.m4s`)).status).toBe(200);
    const init = await t.req(`${base}init-0.mp4`);
    expect(init.headers.get("content-type")).toBe("video/mp4");
  });

  it("refuses a forged token with 403 bad_token", async () => {
    const hls = await play(await t.login("commander"));
    const [, , token] = hls.split("/");
    const [body = "", sig = ""] = (token ?? "").split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString());
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, e: claims.e + 3600 })).toString("base64url");
    for (const forged of [`${forgedBody}.${sig}`, "garbage", `${body}.AAAA`, `${body}`]) {
      const res = await t.req(hls.replace(token ?? "", forged));
      expect(res.status, forged).toBe(403);
      expect(await res.json()).toMatchObject({ code: "bad_token" });
    }
  });

  it("refuses a token used for another camera or variant", async () => {
    const hls = await play(await t.login("commander"));
    expect((await t.req(hls.replace("/pj-b1-s1-cell/", "/pj-b1-s1-yard/"))).status).toBe(403);
    expect((await t.req(hls.replace("/sub/", "/main/"))).status).toBe(403);
  });

  it("refuses an expired token, keeps a used one alive while it is used", async () => {
    const cookie = await t.login("commander");
    const idle = await play(cookie);
    const used = await play(cookie);
    expect((await t.req(used)).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      t.clock.now += 3000; // 12 s in all, past the 5 s TTL, but used every 3 s
      expect((await t.req(used)).status).toBe(200);
    }
    const res = await t.req(idle);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "bad_token" });
    t.clock.now += 6000; // not used for over a TTL: dead
    expect((await t.req(used)).status).toBe(403);
  });

  it("kills tokens when their session logs out", async () => {
    const cookie = await t.login("commander");
    const hls = await play(cookie);
    expect((await t.req(hls)).status).toBe(200);
    expect((await t.req("/api/v1/session", { method: "DELETE", cookie })).status).toBe(204);
    expect((await t.req(hls)).status).toBe(403);
    expect((await t.req("/api/v1/tree", { cookie })).status).toBe(401);
  });
});

describe("audit", () => {
  it("is readable by commander and chief only and records each view once", async () => {
    const op = await t.login("operator-pj");
    const res = await t.req("/api/v1/cameras/pj-b2-s1-yard/play?variant=main", { cookie: op });
    const { hls } = (await res.json()) as { hls: string };
    for (let i = 0; i < 3; i++) expect((await t.req(hls, { headers: { "user-agent": "wall-test" } })).status).toBe(200);

    for (const user of ["duty", "viewer", "operator-pj"]) {
      const r = await t.req("/api/v1/audit", { cookie: await t.login(user) });
      expect(r.status, user).toBe(403);
    }
    for (const user of ["commander", "chief"]) {
      const r = await t.req("/api/v1/audit?type=view.started&actor=operator-pj", { cookie: await t.login(user) });
      expect(r.status, user).toBe(200);
      const page = (await r.json()) as { events: Array<{ actor: string; at: number; data: Record<string, unknown> }> };
      const views = page.events.filter((e) => e.data.cameraId === "pj-b2-s1-yard");
      expect(views).toHaveLength(1);
      expect(views[0]).toMatchObject({
        actor: "operator-pj",
        data: { cameraId: "pj-b2-s1-yard", variant: "main", ip: "127.0.0.1", userAgent: "wall-test", prisonId: "pj" },
      });
    }
    const chief = await t.login("chief");
    const logins = (await (await t.req("/api/v1/audit?type=session.", { cookie: chief })).json()) as {
      events: Array<{ data: Record<string, unknown> }>;
    };
    expect(logins.events.length).toBeGreaterThan(0);
    for (const e of logins.events) expect(e.data).not.toHaveProperty("sessionHash");
  });

  it("pages newest first with a cursor", async () => {
    const cookie = await t.login("commander");
    const first = (await (await t.req("/api/v1/audit?limit=2", { cookie })).json()) as {
      events: Array<{ seq: number }>;
      next: number;
    };
    expect(first.events).toHaveLength(2);
    expect(first.events[0]!.seq).toBeGreaterThan(first.events[1]!.seq);
    const second = (await (await t.req(`/api/v1/audit?limit=2&before=${first.next}`, { cookie })).json()) as {
      events: Array<{ seq: number }>;
    };
    expect(second.events[0]!.seq).toBeLessThan(first.events[1]!.seq);
    expect((await t.req("/api/v1/audit?limit=501", { cookie })).status).toBe(422);
  });
});
