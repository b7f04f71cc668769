// Bad input never becomes a 500 and never stops the gateway: malformed JSON, oversized bodies, unknown
// ids, `..` paths, bad query values → 4xx JSON {code, message, field?}.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
let commander: string;
beforeAll(async () => {
  t = await startTestGateway({ config: { bodyLimitBytes: 4096 } });
  commander = await t.login("commander");
});
afterAll(() => t.close());

async function expectError(res: Response, status: number, code: string, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/json");
  const body = (await res.json()) as { code: string; message: string; field?: string };
  expect(body.code).toBe(code);
  expect(typeof body.message).toBe("string");
  if (field !== undefined) expect(body.field).toBe(field);
}

describe("bad input", () => {
  const raw = (path: string, method: string, body: string, type = "application/json") =>
    t.req(path, { method, body, headers: { "content-type": type }, cookie: commander });

  it.each([
    ["truncated", '{"name": "x"'],
    ["not JSON", "hello"],
    ["trailing comma", '{"a":1,}'],
  ])("malformed JSON (%s) → 400 invalid_json", async (_name, body) => {
    await expectError(await raw("/api/v1/cameras", "POST", body), 400, "invalid_json");
    await expectError(await raw("/api/v1/session", "POST", body), 400, "invalid_json");
  });

  it("empty JSON body → 400 invalid_json", async () => {
    await expectError(await raw("/api/v1/cameras", "POST", ""), 400, "invalid_json");
  });

  it("oversized body → 413 too_large", async () => {
    const big = JSON.stringify({ name: "x".repeat(10_000) });
    await expectError(await raw("/api/v1/cameras", "POST", big), 413, "too_large");
  });

  it("unsupported content type → 400 bad_request", async () => {
    await expectError(
      await raw("/api/v1/cameras", "POST", "name=x", "application/x-www-form-urlencoded"),
      400,
      "bad_request",
    );
  });

  it.each([
    [{}, "name"],
    [{ name: "x", prisonId: "pj", source: { kind: "rtsp" } }, "source.url"],
    [{ name: "x", prisonId: "pj", source: { kind: "rtsp", url: "http://x" } }, "source.url"],
    [{ name: "x", prisonId: "pj", source: { kind: "ftp" } }, "source.kind"],
    [{ name: "x", prisonId: "pj", source: { kind: "rtmp" }, extra: 1 }, undefined],
    [{ name: "x", prisonId: "../etc", source: { kind: "rtmp" } }, "prisonId"],
  ])("invalid camera %j → 422 validation naming %s", async (body, field) => {
    const res = await t.req("/api/v1/cameras", { method: "POST", json: body, cookie: commander });
    await expectError(res, 422, "validation", field);
  });

  it.each([
    ["/api/v1/cameras/nope", 404, "not_found"],
    ["/api/v1/cameras/nope/play", 404, "not_found"],
    ["/api/v1/cameras?prisonId=nope", 404, "not_found"],
    ["/api/v1/cameras?prisonId=a%20b", 422, "validation"],
    ["/api/v1/cameras/pj-b1-s1-cell/play?variant=hd", 422, "validation"],
    ["/api/v1/audit?from=yesterday", 422, "validation"],
    ["/api/v1/nothing-here", 404, "not_found"],
    ["/hls/nothing", 404, "not_found"],
  ])("GET %s → %i %s", async (path, status, code) => {
    await expectError(await t.req(path, { cookie: commander }), status, code);
  });

  it.each(["PUT /api/v1/tree", "POST /api/v1/streams"])("%s (no such method) → 404 JSON", async (line) => {
    const [method = "GET", path = "/"] = line.split(" ");
    await expectError(await t.req(path, { method, cookie: commander, json: {} }), 404, "not_found");
  });

  describe("HLS paths", () => {
    let base = "";
    beforeAll(async () => {
      const res = await t.req("/api/v1/cameras/pj-b1-s1-cell/play", { cookie: commander });
      const { hls } = (await res.json()) as { hls: string };
      base = hls.replace("index.m3u8", "");
    });

    it.each(["..%2f..%2fsecret", "%2e%2e%2fsecret", "a%5c..%5cb", "x%2f..%2f..%2fy"])(
      "`..` or encoded separators (%s) → 400 bad_request",
      async (name) => {
        await expectError(await t.req(`${base}${name}`), 400, "bad_request");
      },
    );

    it.each(["..", "%2E%2E", "../../.."])(
      "a `..` that fetch normalises away (%s) still ends in 4xx JSON",
      async (name) => {
        const res = await t.req(`${base}${name}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(((await res.json()) as { code: string }).code).toMatch(/^(bad_request|not_found)$/);
      },
    );

    it("a raw ../ path (not normalised by a client) → 400", async () => {
      const { request } = await import("node:http");
      const url = new URL(t.gw.url);
      const status = await new Promise<number>((resolve, reject) => {
        const r = request({ host: url.hostname, port: url.port, path: `${base}../../../etc/passwd` }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        r.on("error", reject);
        r.end();
      });
      expect(status).toBe(400);
    });

    it.each(["index.m3u", "s-1.m4s", "sx.m4s", "p1.m4s", "init.mp5", "segment.ts", "s99999999999.m4s"])(
      "unknown file name %s → 404 not_found",
      async (name) => {
        await expectError(await t.req(`${base}${name}`), 404, "not_found");
      },
    );

    it.each([
      ["_HLS_msn=-1", "_HLS_msn"],
      ["_HLS_msn=abc", "_HLS_msn"],
      ["_HLS_part=1", "_HLS_part"],
      ["_HLS_msn=1&_HLS_part=x", "_HLS_part"],
      ["_HLS_skip=maybe", "_HLS_skip"],
    ])("bad playlist query %s → 400 naming %s", async (q, field) => {
      await expectError(await t.req(`${base}index.m3u8?${q}`), 400, "bad_request", field);
    });

    it("a registry error as data becomes its catalogue status", async () => {
      await expectError(await t.req(`${base}s5000.m4s`), 404, "not_found");
    });

    it("passes validated LL-HLS query values to the registry", async () => {
      expect((await t.req(`${base}index.m3u8?_HLS_msn=12&_HLS_part=3&_HLS_skip=YES`)).status).toBe(200);
      const call = t.fake.calls.filter((c) => c.kind === "playlist").at(-1);
      expect(call?.query).toMatchObject({ msn: 12, part: 3, skip: true });
      // the play token identifies the viewer for the per-stream viewer count
      expect(call?.query?.clientId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    });

    it("aborts a blocking reload when the client goes away", async () => {
      t.fake.block = true;
      try {
        const ac = new AbortController();
        const pending = t.req(`${base}index.m3u8?_HLS_msn=99`, { signal: ac.signal }).catch(() => null);
        const deadline = Date.now() + 5000;
        while (!t.fake.lastSignal || t.fake.calls.at(-1)?.query?.msn !== 99) {
          if (Date.now() > deadline) throw new Error("the registry was not called");
          await new Promise((r) => setTimeout(r, 10));
        }
        const signal = t.fake.lastSignal;
        ac.abort();
        await pending;
        while (!signal.aborted) {
          if (Date.now() > deadline) throw new Error("the signal was not aborted");
          await new Promise((r) => setTimeout(r, 10));
        }
      } finally {
        t.fake.block = false;
      }
    });
  });

  it("keeps serving after all of that", async () => {
    expect((await t.req("/healthz")).status).toBe(200);
    expect((await t.req("/api/v1/tree", { cookie: commander })).status).toBe(200);
  });
});
