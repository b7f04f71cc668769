// `npm run reset-admin -- <username>` as a real process against a real DATA_DIR: the only administrator,
// locked out, gets a temporary password that a real gateway started on that directory accepts and makes
// them change; refused while a gateway runs there; a stale DATA_DIR/gateway.lock (dead pid) is taken over;
// an unknown user is refused. Exit code 2 for every refusal.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type GatewayProcess, startGatewayProcess } from "../support/gatewayProcess";

const root = resolve(import.meta.dirname, "../../../..");
const env = { DEMO_PASSWORD: "test-pass", LOGIN_LOCK_MIN: "0", SIM: "0", FEED_SIM: "0" };

let dir = "";
let gw: GatewayProcess | null = null;
afterEach(async () => {
  await gw?.stop();
  gw = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The CLI exactly as npm runs it (tsx), with the gateway's environment. */
function resetAdmin(dataDir: string, username: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => {
    const child = spawn(process.execPath, ["--import", "tsx", "apps/gateway/src/cli/resetAdmin.ts", username], {
      cwd: root,
      env: { ...process.env, ...env, DATA_DIR: dataDir, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => res({ code, stdout, stderr }));
  });
}

const login = (url: string, username: string, password: string) =>
  fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ username, password }),
  });

describe("reset-admin", () => {
  it("gives a locked-out administrator a temporary password a restarted gateway accepts and makes them change", async () => {
    dir = mkdtempSync(join(tmpdir(), "cw-reset-"));
    gw = await startGatewayProcess({ ...env, DATA_DIR: dir });
    for (let i = 0; i < 5; i++) expect((await login(gw.url, "admin", `wrong-${i}`)).status).not.toBe(200);
    expect((await login(gw.url, "admin", "test-pass")).status).toBe(423);

    const refused = await resetAdmin(dir, "admin");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`gateway is running on .* \\(pid ${gw.pid}\\)`));
    expect(refused.stdout).toBe("");

    await gw.stop();
    gw = null;
    expect(existsSync(join(dir, "gateway.lock"))).toBe(false);
    const unknown = await resetAdmin(dir, "nobody");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no user nobody/);

    const done = await resetAdmin(dir, "admin");
    expect(done.code, done.stderr).toBe(0);
    const password = /Temporary password for admin: (\S+)/.exec(done.stdout)?.[1] ?? "";
    expect(password).toMatch(/^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}$/);
    expect(done.stdout.split(password)).toHaveLength(2); // printed once
    expect(done.stderr).not.toContain(password);
    expect(readFileSync(join(dir, "journal", "events.jsonl"), "utf8")).not.toContain(password);
    expect(existsSync(join(dir, "gateway.lock"))).toBe(false);

    gw = await startGatewayProcess({ ...env, DATA_DIR: dir });
    expect((await login(gw.url, "admin", "test-pass")).status).toBe(401);
    const res = await login(gw.url, "admin", password);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: "admin", mustChangePassword: true });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    const users = await fetch(`${gw.url}/api/v1/users`, { headers: { cookie } });
    expect(await users.json()).toMatchObject({ code: "password_change_required" });
  }, 180_000);

  it("takes over a stale lock (its pid no longer alive) and refuses a live one", async () => {
    dir = mkdtempSync(join(tmpdir(), "cw-reset-"));
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(join(dir, "gateway.lock"), `${dead}\n`);
    const done = await resetAdmin(dir, "admin");
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Temporary password for admin: /);
    expect(existsSync(join(dir, "gateway.lock"))).toBe(false);

    writeFileSync(join(dir, "gateway.lock"), `${process.pid}\n`);
    const refused = await resetAdmin(dir, "admin");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`\\(pid ${process.pid}\\)`));
  }, 120_000);
});
