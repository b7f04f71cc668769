// A minimal HTTP client of the gateway for benchmarks: session cookie, camera creation, play URLs.
export class GatewayClient {
  cookie = "";
  constructor(readonly base: string) {}

  async login(username: string, password: string): Promise<void> {
    const r = await fetch(`${this.base}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
    this.cookie = (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: { cookie: this.cookie } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] = "application/json";
    }
    const r = await fetch(`${this.base}${path}`, init);
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }

  /** Creates an RTMP camera in prison `pj` and returns its id and publish URL. */
  async createRtmpCamera(name: string): Promise<{ id: string; publishUrl: string }> {
    const created = await this.json<{ id: string }>("POST", "/api/v1/cameras", {
      name,
      prisonId: "pj",
      kind: "other",
      source: { kind: "rtmp" },
    });
    const detail = await this.json<{ id: string; publishUrl: string }>("GET", `/api/v1/cameras/${created.id}`);
    return { id: detail.id, publishUrl: detail.publishUrl };
  }

  async playUrl(cameraId: string, variant: "main" | "sub" = "main"): Promise<string> {
    const r = await this.json<{ hls: string }>("GET", `/api/v1/cameras/${cameraId}/play?variant=${variant}`);
    return `${this.base}${r.hls}`;
  }
}
