// The first administrator: a gateway without demo users and without an admin makes one at its first start
// (password in DATA_DIR/bootstrap-admin.txt, or BOOTSTRAP_ADMIN_PASSWORD), who must change it at once;
// a restart makes no second one. Config-file users (hand-made hashes) keep working beside it.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/auth/password";
import { startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const login = (g: TestGateway, username: string, password: string) =>
  g.req("/api/v1/session", { method: "POST", json: { username, password } });

describe("bootstrap administrator", () => {
  it("is made once with a random password in a 0600 file, must change it, and config users still log in", async () => {
    const users = [
      {
        username: "wang.jun",
        displayName: "王军",
        role: "chief",
        passwordHash: await hashPassword("Config-Hash-Pass-1"),
      },
    ];
    t = await startTestGateway({ config: { demoUsers: false, users } });
    const file = join(t.dir, "bootstrap-admin.txt");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [username, password] = readFileSync(file, "utf8").trim().split("\n");
    expect(username).toBe("admin");
    const res = await login(t, "admin", password!);
    expect(await res.json()).toMatchObject({ role: "admin", mustChangePassword: true });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    const users403 = await t.req("/api/v1/users", { cookie });
    expect(await users403.json()).toMatchObject({ code: "password_change_required" });
    const changed = await t.req("/api/v1/session/password", {
      method: "PUT",
      cookie,
      json: { current: password, next: "Harbour-Light-Keeper-9" },
    });
    expect(changed.status).toBe(200);
    const list = (await (await t.req("/api/v1/users", { cookie })).json()) as {
      users: Array<{ username: string; source: string }>;
    };
    expect(list.users.map((u) => [u.username, u.source])).toEqual([
      ["admin", "product"],
      ["wang.jun", "config"],
    ]);
    expect((await login(t, "wang.jun", "Config-Hash-Pass-1")).status).toBe(200);

    await t.close({ keepDir: true });
    t = await startTestGateway({ dir: t.dir, config: { demoUsers: false, users, snapshotEvery: 0 } });
    const created = await t.gw.core.features.audit.index.query({ type: "user.created", limit: 10 });
    expect(created.events).toHaveLength(1);
    expect(created.events[0]).toMatchObject({ actor: "system:bootstrap" });
    expect((await login(t, "admin", "Harbour-Light-Keeper-9")).status).toBe(200);
  });

  it("takes BOOTSTRAP_ADMIN and its password when given, and refuses a weak one", async () => {
    t = await startTestGateway({
      config: { demoUsers: false, bootstrapAdmin: "root.admin", bootstrapAdminPassword: "Granite-Owl-Tower-5" },
    });
    expect(await (await login(t, "root.admin", "Granite-Owl-Tower-5")).json()).toMatchObject({
      role: "admin",
      mustChangePassword: true,
    });
    await t.close();
    t = null;
    await expect(
      startTestGateway({ config: { demoUsers: false, bootstrapAdminPassword: "qwertyuiop123" } }),
    ).rejects.toThrow(/common/);
  });

  it("is not made when the demo (or the config) has an administrator", async () => {
    t = await startTestGateway();
    expect((await t.gw.core.features.audit.index.query({ type: "user.created", limit: 10 })).events).toHaveLength(0);
  });
});
