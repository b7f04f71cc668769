// Accounts over real HTTP: the administrator's users API, password rules, reset → forced change, disable and
// revoke killing HTTP and the live socket at once, lockout per account and per address with the injected
// clock, the sessions list, the last-administrator guard, and everything surviving a restart (replayed from
// the log, snapshots off).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { demoPassword, startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
let admin: string;
const config = { loginFailMax: 3, loginAddressFailMax: 8, loginFailWindowMin: 10, loginLockMin: 30, snapshotEvery: 0 };
beforeAll(async () => {
  t = await startTestGateway({ config, live: { pingMs: 60_000 } });
  admin = await t.login("admin");
});
afterAll(() => t.close());

const json = (res: Response) => res.json() as Promise<Record<string, unknown>>;
const post = (path: string, cookie: string, body?: unknown) =>
  t.req(path, { method: "POST", cookie, ...(body === undefined ? {} : { json: body }) });
const patch = (username: string, body: unknown) =>
  t.req(`/api/v1/users/${username}`, { method: "PATCH", cookie: admin, json: body });
const login = (username: string, password: string, headers?: Record<string, string>) =>
  t.req("/api/v1/session", { method: "POST", json: { username, password }, ...(headers ? { headers } : {}) });
const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
async function users(): Promise<Array<Record<string, unknown>>> {
  return ((await json(await t.req("/api/v1/users", { cookie: admin }))).users as Array<Record<string, unknown>>) ?? [];
}
const user = async (name: string) => (await users()).find((u) => u.username === name);

function socket(cookie: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`${t.gw.url.replace("http", "ws")}/api/v1/live`, { headers: { cookie } });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve({ ws, closed }));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

const strong = "Lantern-Orchard-42";

describe("who may manage users", () => {
  it.each(["commander", "chief", "duty", "viewer", "operator-pj"])(
    "%s is refused every users route (403 forbidden)",
    async (who) => {
      const cookie = await t.login(who);
      for (const [method, path, body] of [
        ["GET", "/api/v1/users", undefined],
        ["POST", "/api/v1/users", { username: "x1", displayName: "X", role: "duty", password: strong }],
        ["PATCH", "/api/v1/users/admin", { disabled: true }],
        ["POST", "/api/v1/users/admin/reset-password", undefined],
        ["POST", "/api/v1/users/admin/unlock", undefined],
        ["GET", "/api/v1/users/admin/sessions", undefined],
      ] as const) {
        const res = await t.req(path, { method, cookie, ...(body ? { json: body } : {}) });
        expect(res.status, `${who} ${method} ${path}`).toBe(403);
        expect(await json(res)).toMatchObject({ code: "forbidden" });
      }
    },
  );

  it("lists config and demo users for the administrator, with prison names and no hashes", async () => {
    const list = await json(await t.req("/api/v1/users", { cookie: admin }));
    const all = list.users as Array<Record<string, unknown>>;
    expect(all.map((u) => u.username)).toContain("admin");
    expect(all.find((u) => u.username === "operator-pj")).toMatchObject({
      role: "operator",
      prisonId: "pj",
      prisonName: "盘锦监狱",
      disabled: false,
      locked: false,
      source: "demo",
    });
    expect(JSON.stringify(list)).not.toContain("scrypt");
    expect((list.prisons as Array<{ id: string }>).map((p) => p.id)).toContain("pj");
  });
});

describe("creating users", () => {
  it("creates a user who can log in at once", async () => {
    const res = await post("/api/v1/users", admin, {
      username: "zhang.wei",
      displayName: "张伟",
      role: "operator",
      prisonId: "pj",
      password: strong,
    });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({
      username: "zhang.wei",
      prisonName: "盘锦监狱",
      source: "product",
      lastLoginAt: null,
    });
    t.clock.now += 1000;
    expect((await login("zhang.wei", strong)).status).toBe(200);
    expect(await user("zhang.wei")).toMatchObject({ lastLoginAt: t.clock.now });
  });

  it.each([
    [{ username: "zhang.wei", displayName: "x", role: "duty", password: strong }, 409, "conflict", "username"],
    [{ username: "commander", displayName: "x", role: "duty", password: strong }, 409, "conflict", "username"],
    [{ username: "li.na", displayName: "x", role: "duty", password: "short" }, 422, "weak_password", "password"],
    [
      { username: "li.na", displayName: "x", role: "duty", password: "li.na-password" },
      422,
      "weak_password",
      "password",
    ],
    [{ username: "li.na", displayName: "x", role: "duty", password: "1qaz2wsx3edc" }, 422, "weak_password", "password"],
    [{ username: "li.na", displayName: "x", role: "operator", password: strong }, 422, "validation", "prisonId"],
    [
      { username: "li.na", displayName: "x", role: "operator", prisonId: "nowhere", password: strong },
      422,
      "validation",
      "prisonId",
    ],
    [{ username: "li na", displayName: "x", role: "duty", password: strong }, 422, "validation", "username"],
    [{ username: "li.na", displayName: "x", role: "root", password: strong }, 422, "validation", "role"],
  ] as const)("refuses %o with %i %s on %s", async (body, status, code, field) => {
    const res = await post("/api/v1/users", admin, body);
    expect(res.status).toBe(status);
    expect(await json(res)).toMatchObject({ code, field });
  });
});

describe("reset password → forced change", () => {
  it("gives a temporary password once, ends the user's sessions and holds the next session to the change", async () => {
    const before = cookieOf(await login("zhang.wei", strong));
    const res = await post("/api/v1/users/zhang.wei/reset-password", admin);
    expect(res.status).toBe(200);
    const { temporaryPassword } = (await json(res)) as { temporaryPassword: string };
    expect(temporaryPassword).toMatch(/^\S{4}-\S{4}-\S{4}$/);
    expect((await t.req("/api/v1/session", { cookie: before })).status).toBe(401);
    expect((await login("zhang.wei", strong)).status).toBe(401);

    const s = await login("zhang.wei", temporaryPassword);
    expect(await json(s)).toMatchObject({ mustChangePassword: true });
    const cookie = cookieOf(s);
    const tree = await t.req("/api/v1/tree", { cookie });
    expect(tree.status).toBe(403);
    expect(await json(tree)).toMatchObject({ code: "password_change_required" });
    await expect(socket(cookie)).rejects.toThrow("HTTP 403");
    expect((await t.req("/api/v1/session", { cookie })).status).toBe(200);

    const change = (current: string, next: string) =>
      t.req("/api/v1/session/password", { method: "PUT", cookie, json: { current, next } });
    const wrong = await change("not-it-at-all", "River-Stone-Bridge-7");
    expect(wrong.status).toBe(401);
    expect(await json(wrong)).toMatchObject({ code: "bad_credentials", field: "current" });
    const weak = await change(temporaryPassword, "password123");
    expect(weak.status).toBe(422);
    expect(await json(weak)).toMatchObject({ code: "weak_password", field: "next" });
    const same = await change(temporaryPassword, temporaryPassword);
    expect(await json(same)).toMatchObject({ code: "weak_password", field: "next" });
    const done = await change(temporaryPassword, "River-Stone-Bridge-7");
    expect(done.status).toBe(200);
    expect((await json(done)).mustChangePassword).toBeUndefined();
    expect((await t.req("/api/v1/tree", { cookie })).status).toBe(200);
    expect((await login("zhang.wei", "River-Stone-Bridge-7")).status).toBe(200);
  });

  it("lets every user change their own password (a config or demo user too)", async () => {
    const cookie = await t.login("viewer");
    const res = await t.req("/api/v1/session/password", {
      method: "PUT",
      cookie,
      json: { current: demoPassword, next: "Window-Seat-Lamp-3" },
    });
    expect(res.status).toBe(200);
    expect((await login("viewer", demoPassword)).status).toBe(401);
    expect((await login("viewer", "Window-Seat-Lamp-3")).status).toBe(200);
  });
});

describe("disabling and revoking", () => {
  it("a disabled user's session dies at once, HTTP and WebSocket; they cannot log in; enabling does not revive it", async () => {
    const cookie = cookieOf(await login("zhang.wei", "River-Stone-Bridge-7"));
    const live = await socket(cookie);
    const res = await patch("zhang.wei", { disabled: true });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ disabled: true });
    expect(await within(live.closed, 1000)).toBe(4401);
    expect((await t.req("/api/v1/tree", { cookie })).status).toBe(401);
    const again = await login("zhang.wei", "River-Stone-Bridge-7");
    expect(again.status).toBe(403);
    expect(await json(again)).toMatchObject({ code: "account_disabled" });
    await patch("zhang.wei", { disabled: false });
    expect((await t.req("/api/v1/tree", { cookie })).status).toBe(401);
    expect((await login("zhang.wei", "River-Stone-Bridge-7")).status).toBe(200);
  });

  it("lists a user's sessions (the administrator any, a user their own) and revokes one at once", async () => {
    const a = cookieOf(await login("zhang.wei", "River-Stone-Bridge-7", { "user-agent": "wall-pc-a" }));
    t.clock.now += 1000;
    const b = cookieOf(await login("zhang.wei", "River-Stone-Bridge-7", { "user-agent": "wall-pc-b" }));
    const mine = await json(await t.req("/api/v1/users/zhang.wei/sessions", { cookie: b }));
    const sessions = mine.sessions as Array<{ sessionId: string; userAgent: string; current: boolean; ip: string }>;
    expect(sessions[0]).toMatchObject({ userAgent: "wall-pc-b", current: true, ip: "127.0.0.1" });
    const pcA = sessions.find((s) => s.userAgent === "wall-pc-a");
    expect(pcA).toMatchObject({ current: false });
    expect((await t.req("/api/v1/users/commander/sessions", { cookie: b })).status).toBe(403);
    const other = await t.login("duty");
    const target = pcA!.sessionId;
    const foreign = await t.req(`/api/v1/sessions/${target}`, { method: "DELETE", cookie: other });
    expect(foreign.status).toBe(403);

    const live = await socket(a);
    const del = await t.req(`/api/v1/sessions/${target}`, { method: "DELETE", cookie: admin });
    expect(del.status).toBe(204);
    expect(await within(live.closed, 1000)).toBe(4401);
    expect((await t.req("/api/v1/tree", { cookie: a })).status).toBe(401);
    expect((await t.req("/api/v1/tree", { cookie: b })).status).toBe(200);
    const gone = await t.req(`/api/v1/sessions/${target}`, { method: "DELETE", cookie: admin });
    expect(gone.status).toBe(404);
    expect(await json(await t.req("/api/v1/sessions/nothex", { method: "DELETE", cookie: admin }))).toMatchObject({
      code: "validation",
      field: "sessionId",
    });
  });

  it("a role change closes the user's socket so it reconnects with the new role", async () => {
    // (Another user: zhang.wei has used up the login rate limit of this minute.)
    const body = { username: "wu.fang", displayName: "吴芳", role: "operator", prisonId: "jz", password: strong };
    expect((await post("/api/v1/users", admin, body)).status).toBe(201);
    const cookie = cookieOf(await login("wu.fang", strong));
    const live = await socket(cookie);
    expect((await patch("wu.fang", { role: "duty" })).status).toBe(200);
    expect(await within(live.closed, 1000)).toBe(4401);
    expect(await json(await t.req("/api/v1/session", { cookie }))).toMatchObject({ role: "duty", prisonId: null });
    expect(await user("wu.fang")).toMatchObject({ role: "duty", prisonId: null, prisonName: null });
  });

  it("keeps one enabled administrator", async () => {
    for (const body of [{ disabled: true }, { role: "commander" }]) {
      const res = await patch("admin", body);
      expect(res.status).toBe(409);
      expect(await json(res)).toMatchObject({ code: "conflict" });
    }
    expect((await patch("nobody", { disabled: true })).status).toBe(404);
    expect(await json(await patch("duty", { role: "operator" }))).toMatchObject({
      code: "validation",
      field: "prisonId",
    });
    expect(await json(await patch("duty", { password: strong }))).toMatchObject({ code: "validation" });
  });
});

describe("lockout", () => {
  it("locks an account after 3 failures in the window, refuses even the right password, and an admin unlocks it", async () => {
    const codes: unknown[] = [];
    for (let i = 0; i < 3; i++) codes.push((await json(await login("chief", "wrong-password"))).code);
    expect(codes).toEqual(["bad_credentials", "bad_credentials", "locked"]);
    const right = await login("chief", demoPassword);
    expect(right.status).toBe(423);
    expect(await user("chief")).toMatchObject({ locked: true, lockedUntil: t.clock.now + 30 * 60_000 });
    const res = await post("/api/v1/users/chief/unlock", admin);
    expect(await json(res)).toMatchObject({ locked: false });
    expect((await login("chief", demoPassword)).status).toBe(200);
  });

  it("a lock ends by itself after LOGIN_LOCK_MIN (the gateway's clock)", async () => {
    for (let i = 0; i < 3; i++) await login("duty", "wrong-password");
    expect((await login("duty", demoPassword)).status).toBe(423);
    t.clock.now += 30 * 60_000;
    expect((await login("duty", demoPassword)).status).toBe(200);
  });

  it("locks an address after 8 failures across accounts, for every account from it", async () => {
    t.clock.now += 60 * 60_000;
    for (let i = 0; i < 8; i++) await login(`ghost${i}`, "wrong-password");
    const res = await login("commander", demoPassword);
    expect(res.status).toBe(423);
    expect((await json(res)).message).toContain("address");
    t.clock.now += 30 * 60_000;
    expect((await login("commander", demoPassword)).status).toBe(200);
  });

  it("logs every refusal with its reason", async () => {
    const page = await t.gw.core.features.audit.index.query({ type: "login.failed", limit: 100 });
    const reasons = new Set(page.events.map((e) => (e.data as { reason?: string }).reason));
    expect(reasons).toEqual(new Set(["bad_credentials", "locked", "disabled", "password_change"]));
    const created = await t.gw.core.features.audit.index.query({ type: "user.created", limit: 10 });
    expect(created.events[0]).toMatchObject({ actor: "admin" });
    expect(JSON.stringify(created.events)).not.toContain("scrypt");
  });
});

describe("durable", () => {
  it("users, edits and passwords survive a restart (replayed from the log)", async () => {
    await t.close({ keepDir: true });
    t = await startTestGateway({ dir: t.dir, config, now: t.clock.now });
    admin = await t.login("admin");
    expect(await user("wu.fang")).toMatchObject({ role: "duty", disabled: false, source: "product" });
    expect(await user("zhang.wei")).toMatchObject({ role: "operator", prisonId: "pj", disabled: false });
    expect((await login("zhang.wei", "River-Stone-Bridge-7")).status).toBe(200);
    expect((await login("viewer", "Window-Seat-Lamp-3")).status).toBe(200);
    expect((await login("viewer", demoPassword)).status).toBe(401);
  });
});
