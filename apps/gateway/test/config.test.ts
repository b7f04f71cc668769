// Config: env and the optional JSON file, defaults, and clear errors naming the variable or key.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";

const dir = mkdtempSync(join(tmpdir(), "cw-cfg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    const c = loadConfig({}, "/srv");
    expect(c).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      rtmpPort: 1935,
      dataDir: "/srv/data",
      demoPassword: "commandwall",
      sim: true,
      hlsTokenTtlS: 60,
      sessionTtlH: 12,
      users: [],
    });
  });

  it("reads env, with env winning over the file", () => {
    const file = join(dir, "gw.json");
    writeFileSync(file, JSON.stringify({ port: 9000, host: "0.0.0.0", catalogueFile: "cat.json", hlsTokenTtlS: 30 }));
    const c = loadConfig({ CONFIG_FILE: file, PORT: "9100", SIM: "0", DATA_DIR: "state" }, "/srv");
    expect(c).toMatchObject({ port: 9100, host: "0.0.0.0", sim: false, hlsTokenTtlS: 30, dataDir: "/srv/state" });
    expect(c.catalogueFile).toBe(join(dir, "cat.json"));
  });

  it("reads recording's variables: RECORD_DIR relative to the working directory, the quota, demo cameras, replay off", () => {
    const c = loadConfig(
      { RECORD_DIR: "rec", RECORD_MAX_GB: "0.5", RECORD_DEMO_CAMERAS: "pj-gate, ,pj-b1-s1-cell", RECORD_REPLAY: "0" },
      "/srv",
    );
    expect(c).toMatchObject({ recordDir: "/srv/rec", recordMaxGb: 0.5, recordReplay: false, recordDefaultDays: 30 });
    expect(c.recordDemoCameras).toEqual(["pj-gate", "pj-b1-s1-cell"]);
    expect(loadConfig({}, "/srv")).toMatchObject({ recordMaxGb: 100, recordReplay: true, recordDemoCameras: [] });
  });

  it.each([
    [{ RECORD_MAX_GB: "-1" }, "environment variable RECORD_MAX_GB"],
    [{ PORT: "eighty" }, "environment variable PORT"],
    [{ RTMP_PORT: "70000" }, "environment variable RTMP_PORT"],
    [{ SIM: "maybe" }, "environment variable SIM"],
    [{ LOG_LEVEL: "loud" }, "environment variable LOG_LEVEL"],
    [{ METRICS_TOKEN: "short" }, "environment variable METRICS_TOKEN"],
    [{ CONFIG_FILE: "/no/such/file.json" }, "CONFIG_FILE /no/such/file.json cannot be read"],
  ])("%j → error naming %s", (env, message) => {
    expect(() => loadConfig(env, dir)).toThrow(message);
  });

  it.each([
    [{ prot: 1 }, "config key"],
    [
      { users: [{ username: "a", displayName: "A", role: "operator", passwordHash: "scrypt$1$1$1$a$b" }] },
      "users.0.prisonId",
    ],
    [{ users: [{ username: "a", displayName: "A", role: "chief", passwordHash: "md5:x" }] }, "users.0.passwordHash"],
  ])("file %j → error naming %s", (content, message) => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(content));
    expect(() => loadConfig({ CONFIG_FILE: file }, dir)).toThrow(message);
  });
});
