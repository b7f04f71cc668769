// HTTPS + HTTP/2 (http/tls.ts): a self-signed certificate made once and reused, HTTP/2 by ALPN for
// browsers, HTTP/1.1 on the same port for WebSocket upgrades, and a clear error for half a configuration.
import { statSync } from "node:fs";
import { connect } from "node:http2";
import { request } from "node:https";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { injectFetch } from "../../src/http/injectFetch";
import { loadTls } from "../../src/http/tls";
import { demoPassword, startTestGateway, type TestGateway, tempDir } from "../helpers";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ config: { tlsSelfSigned: true } });
});
afterAll(() => t.close());

/** One request over HTTP/2 (ALPN h2), trusting the gateway's own certificate. */
function h2(path: string, init: { method?: string; body?: string; cookie?: string } = {}) {
  return new Promise<{ status: number; body: string; alpn: string | false; cookie: string }>((resolve, reject) => {
    const session = connect(t.gw.url, { rejectUnauthorized: false });
    session.on("error", reject);
    const headers: Record<string, string> = { ":path": path, ":method": init.method ?? "GET" };
    if (init.body) headers["content-type"] = "application/json";
    if (init.cookie) headers.cookie = init.cookie;
    const req = session.request(headers);
    let status = 0;
    let cookie = "";
    let body = "";
    req.on("response", (h) => {
      status = Number(h[":status"]);
      cookie = String(h["set-cookie"] ?? "").split(";")[0] ?? "";
    });
    req.setEncoding("utf8");
    req.on("data", (d: string) => {
      body += d;
    });
    req.on("end", () => {
      const alpn = session.alpnProtocol ?? false;
      session.close();
      resolve({ status, body, alpn, cookie });
    });
    req.end(init.body);
  });
}

describe("HTTPS with HTTP/2", () => {
  it("answers over HTTP/2 on an https:// URL", async () => {
    expect(t.gw.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = await h2("/healthz");
    expect(r.alpn).toBe("h2");
    expect(r.status).toBe(200);
  });

  it("a session made over HTTP/2 opens the live WebSocket over HTTP/1.1 on the same port", async () => {
    const login = await h2("/api/v1/session", {
      method: "POST",
      body: JSON.stringify({ username: "commander", password: demoPassword }),
    });
    expect(login.status).toBe(200);
    expect(login.cookie).toMatch(/=/);
    const first = await new Promise<string>((resolve, reject) => {
      const ws = new WebSocket(`${t.gw.url.replace("https", "wss")}/api/v1/live`, {
        headers: { cookie: login.cookie },
        rejectUnauthorized: false,
      });
      ws.once("message", (d) => {
        ws.close();
        resolve(String(d));
      });
      ws.once("error", reject);
    });
    expect(JSON.parse(first)).toMatchObject({ topic: "hello" });
  });

  it("plain HTTP/1.1 clients are served too", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.gw.url}/healthz`, { rejectUnauthorized: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(200);
  });

  it("the self-signed certificate is made once (key readable by its owner only) and reused", async () => {
    const key = join(t.dir, "tls", "self-signed-key.pem");
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const a = await loadTls({ dataDir: t.dir, host: "127.0.0.1", tlsSelfSigned: true });
    const b = await loadTls({ dataDir: t.dir, host: "127.0.0.1", tlsSelfSigned: true });
    expect(a?.cert.equals(b?.cert ?? Buffer.alloc(0))).toBe(true);
  });

  it("half a configuration is a clear error; nothing configured is plain HTTP", async () => {
    await expect(
      loadTls({ dataDir: tempDir(), host: "127.0.0.1", tlsSelfSigned: false, tlsCertFile: "/x.pem" }),
    ).rejects.toThrow(/TLS_CERT_FILE and TLS_KEY_FILE go together/);
    await expect(
      loadTls({
        dataDir: tempDir(),
        host: "127.0.0.1",
        tlsSelfSigned: false,
        tlsCertFile: "/nope/c.pem",
        tlsKeyFile: "/nope/k.pem",
      }),
    ).rejects.toThrow(/TLS_CERT_FILE: cannot read \/nope\/c.pem/);
    expect(await loadTls({ dataDir: tempDir(), host: "127.0.0.1", tlsSelfSigned: false })).toBeNull();
  });

  it("the in-process fetch (demo feeds over HTTPS) goes through the same routes and checks", async () => {
    const f = injectFetch(t.gw.app);
    expect((await f(`${t.gw.url}/healthz`)).status).toBe(200);
    const refused = await f(`${t.gw.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "commander", password: "wrong" }),
    });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "bad_credentials" });
    const unsigned = await f(`${t.gw.url}/api/v1/feeds/nope/alarms`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expect(unsigned.status).toBeLessThan(500);
  });
});
