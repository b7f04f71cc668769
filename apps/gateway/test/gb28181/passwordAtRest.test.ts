// A GB device's own password is sealed at rest (issue 17): after `PUT /api/v1/gb/devices/{id} {password}` no
// file under DATA_DIR holds it in plain text, no answer and no log line carries it, and after a gateway
// restart the device still REGISTERs with it (digest). A devices.json written before sealing existed (plain
// passwords) still reads back, and the next write seals it.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../../e2e/support/gateway";
import { prisonCatalog } from "../../../../e2e/support/gb-sim/catalog";
import { SimDevice } from "../../../../e2e/support/gb-sim/device";
import { makeConfig } from "../../src/config";
import type { Gateway } from "../../src/gateway";
import { createLogger } from "../../src/log";
import { startGateway } from "../../src/start";
import { demoPassword, loginWith, requester, tempDir } from "../helpers";
import { clip, DEVICE, DOMAIN, PASSWORD, SERVER_ID } from "./harness";

const OLD_DEVICE = "34020000001180000002";
const OLD_PASSWORD = "legacy-plain-pass-7";
const OWN_PASSWORD = "own-sealed-pass-3";

let dir: string;
let gw: Gateway | null = null;
const logLines: string[] = [];
const devices: SimDevice[] = [];

async function start(): Promise<{ gw: Gateway; sipPort: number }> {
  const sipPort = await freePort();
  const base = 27_000 + Math.floor(Math.random() * 100) * 20; // below the ephemeral range, apart from the others
  const log = createLogger("debug", { write: (s: string) => void logLines.push(s) });
  const g = await startGateway(
    makeConfig({
      port: 0,
      host: "127.0.0.1",
      rtmpPort: 0,
      dataDir: dir,
      demoPassword,
      logLevel: "debug",
      wallDir: join(dir, "no-wall"),
      sim: false,
      feedSim: false,
      gbPassword: PASSWORD,
      gbSipPort: sipPort,
      gbServerId: SERVER_ID,
      gbDomain: DOMAIN,
      gbMediaPorts: `${base}-${base + 19}`,
    }),
    log,
  );
  return { gw: g, sipPort };
}

async function sim(sipPort: number, deviceId: string, password: string): Promise<SimDevice> {
  const d = new SimDevice({
    server: { host: "127.0.0.1", port: sipPort, id: SERVER_ID, domain: DOMAIN },
    deviceId,
    password,
    transport: "udp",
    channels: prisonCatalog(DOMAIN),
    media: { codec: "h264", frames: clip("h264") },
    pageSize: 16,
  });
  devices.push(d);
  await d.start();
  return d;
}

/** Every file under the data dir, as bytes. */
function files(root: string): { path: string; bytes: Buffer }[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? files(path) : [{ path, bytes: readFileSync(path) }];
  });
}
const holding = (secret: string) =>
  files(dir)
    .filter((f) => f.bytes.includes(secret))
    .map((f) => f.path);

beforeAll(() => {
  dir = tempDir();
  // Written by a gateway from before sealing: the password in plain text.
  mkdirSync(join(dir, "gb"), { recursive: true, mode: 0o700 });
  const old = { version: 1, devices: { [OLD_DEVICE]: { password: OLD_PASSWORD } } };
  writeFileSync(join(dir, "gb", "devices.json"), JSON.stringify(old), { mode: 0o600 });
});

afterAll(async () => {
  for (const d of devices) await d.close();
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("GB device passwords at rest", () => {
  it("are sealed on disk, never answered or logged, and still verify REGISTER after a restart", async () => {
    const first = await start();
    gw = first.gw;
    // The old plain file reads back: the old device's own password works, the shared one does not.
    const old = await sim(first.sipPort, OLD_DEVICE, OLD_PASSWORD);
    expect(await old.register(PASSWORD)).toBe(403);
    expect(await old.register(OLD_PASSWORD)).toBe(200);
    const device = await sim(first.sipPort, DEVICE, PASSWORD);
    expect(await device.register()).toBe(200);

    const req = requester(gw.url);
    const commander = await loginWith(req, "commander");
    const put = await req(`/api/v1/gb/devices/${DEVICE}`, {
      method: "PUT",
      cookie: commander,
      json: { password: OWN_PASSWORD },
    });
    expect(put.status).toBe(200);
    const answers = [
      await put.text(),
      await (await req(`/api/v1/gb/devices/${DEVICE}`, { cookie: commander })).text(),
      await (await req("/api/v1/gb/devices", { cookie: commander })).text(),
    ];
    expect(JSON.parse(answers[1]!)).toMatchObject({ deviceId: DEVICE, hasOwnPassword: true });
    for (const a of answers) {
      expect(a).not.toContain(OWN_PASSWORD);
      expect(a).not.toContain("cw1.");
    }
    // The write sealed the whole file: the new password and the old plain one.
    expect(holding(OWN_PASSWORD)).toEqual([]);
    expect(holding(OLD_PASSWORD)).toEqual([]);
    const stored = JSON.parse(readFileSync(join(dir, "gb", "devices.json"), "utf8")) as {
      devices: Record<string, { password?: string }>;
    };
    expect(stored.devices[DEVICE]?.password).toMatch(/^cw1\./);
    expect(stored.devices[OLD_DEVICE]?.password).toMatch(/^cw1\./);
    expect(await device.register(PASSWORD)).toBe(403);
    expect(await device.register(OWN_PASSWORD)).toBe(200);

    await gw.close();
    gw = null;
    const second = await start();
    gw = second.gw;
    const again = await sim(second.sipPort, DEVICE, OWN_PASSWORD);
    expect(await again.register(PASSWORD)).toBe(403);
    expect(await again.register(OWN_PASSWORD)).toBe(200);
    const oldAgain = await sim(second.sipPort, OLD_DEVICE, OLD_PASSWORD);
    expect(await oldAgain.register(OLD_PASSWORD)).toBe(200);

    expect(holding(OWN_PASSWORD)).toEqual([]);
    expect(logLines.length).toBeGreaterThan(0);
    const logged = logLines.join("");
    expect(logged).not.toContain(OWN_PASSWORD);
    expect(logged).not.toContain(OLD_PASSWORD);
  }, 90_000);
});
