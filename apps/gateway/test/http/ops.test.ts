// /healthz, /metrics (session or bearer METRICS_TOKEN) and the wall's static files with SPA fallback.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { health, startTestGateway, type TestGateway, tempDir } from "../helpers";

const metricsToken = "a-long-enough-metrics-token";

describe("ops", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ config: { metricsToken } });
  });
  afterAll(() => t.close());

  it("GET /healthz needs no session", async () => {
    const res = await t.req("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("GET /metrics answers with a bearer token or a session, 401 otherwise", async () => {
    t.fake.healthList = [health("pj-b1-s1-cell", "live"), health("jz-b1-s1-cell", "stalled"), health("x", "live")];
    const commander = await t.login("commander");
    const { hls } = (await (await t.req("/api/v1/cameras/pj-b1-s1-cell/play", { cookie: commander })).json()) as {
      hls: string;
    };
    await t.req(hls.replace("index.m3u8", "s1.m4s"));
    expect((await t.req("/metrics")).status).toBe(401);
    expect((await t.req("/metrics", { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const res = await t.req("/metrics", { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/^cw_streams\{state="live"\} 2$/m);
    expect(text).toMatch(/^cw_streams\{state="stalled"\} 1$/m);
    expect(text).toMatch(/^cw_streams\{state="idle"\} 0$/m);
    expect(text).toMatch(/^cw_stream_viewers 3$/m);
    expect(text).toMatch(/^cw_bytes_in_total 12345$/m);
    expect(text).toMatch(/^cw_bytes_out_total 1000$/m);
    expect(text).toMatch(/^cw_packager_errors_total 2$/m);
    expect(text).toMatch(/^cw_events_appended_total [1-9]\d*$/m);
    expect(text).toMatch(/^cw_http_request_duration_seconds_bucket\{.*route="\/api\/v1\/cameras\/:id\/play".*\} \d+$/m);
    expect((await t.req("/metrics", { cookie: commander })).status).toBe(200);
  });

  it("without a built wall, / says how to build it", async () => {
    const res = await t.req("/");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("npm run build");
  });
});

describe("the wall's files", () => {
  const dir = tempDir();
  const wallDir = join(dir, "dist");
  let t: TestGateway;
  beforeAll(async () => {
    mkdirSync(join(wallDir, "assets"), { recursive: true });
    writeFileSync(join(wallDir, "index.html"), "<!doctype html><title>wall</title>");
    writeFileSync(join(wallDir, "assets", "app-1234.js"), "console.log(1)");
    t = await startTestGateway({ dir, config: { wallDir } });
  });
  afterAll(() => t.close());

  it.each(["/", "/screen/1", "/unit", "/console?x=1"])("GET %s → index.html (no session needed)", async (path) => {
    const res = await t.req(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("<title>wall</title>");
  });

  it("serves assets as immutable files", async () => {
    const res = await t.req("/assets/app-1234.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(await res.text()).toBe("console.log(1)");
  });

  it("never falls back to index.html for API or HLS paths", async () => {
    for (const path of ["/api/v1/unknown", "/hls/x", "/api"]) {
      const res = await t.req(path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ code: "not_found" });
    }
  });
});
