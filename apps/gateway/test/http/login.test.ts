// Logging in and out: the cookie's attributes, wrong passwords, the rate limit (10/min per IP+user).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword, startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
beforeAll(async () => {
  // Lockout (tested in users/) would answer 423 before the rate limit's 429: out of the way here.
  t = await startTestGateway({ config: { loginFailMax: 100, loginAddressFailMax: 1000 } });
});
afterAll(() => t.close());

describe("session", () => {
  it("logs in with an HttpOnly SameSite=Lax cookie and answers GET /api/v1/session", async () => {
    const res = await t.req("/api/v1/session", {
      method: "POST",
      json: { username: "operator-jz", password: demoPassword },
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^cw_session=[A-Za-z0-9_-]{40,};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).toContain("Max-Age=43200");
    const info = await res.json();
    expect(info).toMatchObject({
      username: "operator-jz",
      role: "operator",
      prisonId: "jz",
      displayName: "锦州监狱指挥中心",
    });
    const cookie = setCookie.split(";")[0] ?? "";
    expect(await (await t.req("/api/v1/session", { cookie })).json()).toMatchObject({ username: "operator-jz" });
  });

  it("tells the wall the bureau's calendar and the gateway's clock (its dates never come from the browser)", async () => {
    const cookie = await t.login("duty");
    t.clock.now += 61_234;
    const info = await (await t.req("/api/v1/session", { cookie })).json();
    expect(info).toMatchObject({ tzOffsetMin: 480, now: t.clock.now });
  });

  it("has every demo user", async () => {
    for (const u of ["commander", "chief", "duty", "viewer", "operator-pj", "operator-lnnv"]) await t.login(u);
  });

  it("refuses a wrong password or unknown user with 401 bad_credentials and logs it", async () => {
    for (const body of [
      { username: "chief", password: "nope" },
      { username: "ghost", password: demoPassword },
    ]) {
      const res = await t.req("/api/v1/session", { method: "POST", json: body });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: "bad_credentials" });
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    const page = await t.gw.core.features.audit.index.query({ type: "login.failed", limit: 10 });
    expect(page.events.map((e) => (e.data as { username: string }).username)).toEqual(["ghost", "chief"]);
  });

  it("rate-limits login to 10 a minute per IP and username → 429 rate_limited", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.req("/api/v1/session", {
        method: "POST",
        json: { username: "operator-fs", password: "wrong" },
      });
      statuses.push(res.status);
      if (res.status === 429) expect(await res.json()).toMatchObject({ code: "rate_limited" });
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another user from the same IP is not locked out.
    await t.login("viewer");
  });
});
