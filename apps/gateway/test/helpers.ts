// Test helpers: a fake StreamRegistry (unit tests of the HTTP edge only; the real media plane is
// exercised by the integration tests) and a gateway on 127.0.0.1:0 in a fresh data dir.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Rendition, StreamHealth, Variant } from "@cw/protocol";
import type { MediaSink, PlaylistQuery, SegmentEvent, Served, StreamRegistry } from "@cw/streams";
import { makeConfig } from "../src/config";
import { createGateway, type Gateway, type MediaHooks } from "../src/gateway";
import { createLogger } from "../src/log";

export class FakeRegistry implements StreamRegistry {
  healthList: StreamHealth[] = [];
  stopped: string[] = [];
  calls: Array<{ kind: string; cameraId: string; variant: Variant; query?: PlaylistQuery }> = [];
  closed = false;
  private listeners = new Set<(h: StreamHealth[]) => void>();
  /** When set, playlist() waits for the signal to abort (a blocking reload). */
  block = false;
  lastSignal: AbortSignal | undefined;

  constructor(readonly hooks?: MediaHooks) {}

  private known(cameraId: string): Served<never> | null {
    if (this.hooks && !this.hooks.resolve(cameraId)) {
      return { ok: false, error: { code: "not_found", message: `no camera ${cameraId}` } };
    }
    return null;
  }

  async playlist(
    cameraId: string,
    variant: Variant,
    query: PlaylistQuery,
    signal?: AbortSignal,
  ): Promise<Served<string>> {
    this.calls.push({ kind: "playlist", cameraId, variant, query });
    this.lastSignal = signal;
    const bad = this.known(cameraId);
    if (bad) return bad;
    if (this.block && signal) {
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
      return { ok: false, error: { code: "timeout", message: "aborted" } };
    }
    return { ok: true, value: `#EXTM3U\n#EXT-X-VERSION:9\n# ${cameraId} ${variant}\n` };
  }
  async init(cameraId: string, variant: Variant): Promise<Served<Buffer>> {
    this.calls.push({ kind: "init", cameraId, variant });
    return this.known(cameraId) ?? { ok: true, value: Buffer.from("ftypinit") };
  }
  async segment(cameraId: string, variant: Variant, msn: number): Promise<Served<Buffer>> {
    this.calls.push({ kind: `segment:${msn}`, cameraId, variant });
    if (msn > 1000) return { ok: false, error: { code: "not_found", message: "gone from the ring" } };
    return this.known(cameraId) ?? { ok: true, value: Buffer.alloc(1000, 1) };
  }
  async part(cameraId: string, variant: Variant, msn: number, part: number): Promise<Served<Buffer>> {
    this.calls.push({ kind: `part:${msn}.${part}`, cameraId, variant });
    return this.known(cameraId) ?? { ok: true, value: Buffer.alloc(100, 2) };
  }
  health(): StreamHealth[] {
    return this.healthList;
  }
  onHealth(listener: (changed: StreamHealth[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(changed: StreamHealth[]): void {
    for (const l of this.listeners) l(changed);
  }
  stats() {
    return { bytesIn: 12345, bytesOut: 0, packagerErrors: 2, transcodes: this.transcodes };
  }
  transcodes = { running: 0, max: 4 };
  async start(cameraId: string, rendition: Rendition): Promise<Served<true>> {
    this.calls.push({ kind: `start:${rendition}`, cameraId, variant: "main" });
    const bad = this.known(cameraId);
    if (bad) return bad;
    if (this.transcodes.running >= this.transcodes.max)
      return { ok: false, error: { code: "transcode_full", message: "every transcoder is busy", field: "rendition" } };
    return { ok: true, value: true };
  }
  onSegment(_listener: (e: SegmentEvent) => void): () => void {
    return () => {};
  }
  held: string[] = [];
  hold(cameraId: string, variant: Variant): () => void {
    this.held.push(`${cameraId}/${variant}`);
    return () => {
      this.held = this.held.filter((k) => k !== `${cameraId}/${variant}`);
    };
  }
  async tap(cameraId: string, variant: Variant, _sink: MediaSink): Promise<Served<() => void>> {
    this.calls.push({ kind: "tap", cameraId, variant });
    const bad = this.known(cameraId);
    return bad ?? { ok: true, value: () => {} };
  }
  async multivariant(cameraId: string): Promise<Served<string>> {
    this.calls.push({ kind: "multivariant", cameraId, variant: "main" });
    const bad = this.known(cameraId);
    if (bad) return bad;
    const inf = '#EXT-X-STREAM-INF:BANDWIDTH=1000000,CODECS="avc1.64001f",RESOLUTION=960x540';
    return { ok: true, value: `#EXTM3U\n${inf}\nmain/index.m3u8\n` };
  }
  async stopCamera(cameraId: string): Promise<void> {
    this.stopped.push(cameraId);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

export function health(cameraId: string, state: StreamHealth["state"] = "live"): StreamHealth {
  return {
    cameraId,
    variant: "sub",
    state,
    codec: "h264",
    width: 640,
    height: 360,
    fps: 25,
    bitrateKbps: 800,
    viewers: 1,
    lastFrameAt: 1,
    startedAt: 1,
    discontinuities: 0,
    error: null,
  };
}

export const demoPassword = "test-password";

export interface TestGateway {
  gw: Gateway;
  fake: FakeRegistry;
  dir: string;
  clock: { now: number };
  login(username: string, password?: string): Promise<string>;
  /** fetch relative to the gateway with an optional session cookie. */
  req(path: string, init?: RequestInit & { cookie?: string; json?: unknown }): Promise<Response>;
  close(opts?: { keepDir?: boolean }): Promise<void>;
}

export type Requester = (path: string, init?: RequestInit & { cookie?: string; json?: unknown }) => Promise<Response>;

/** fetch relative to a gateway, with an optional session cookie and a JSON body. */
export function requester(baseUrl: string): Requester {
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.cookie) headers.set("cookie", init.cookie);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    return fetch(baseUrl + path, { ...init, headers, body: body ?? null });
  };
}

/** Logs in and returns the session cookie ("name=value"). */
export async function loginWith(req: Requester, username: string, password = demoPassword): Promise<string> {
  const res = await req("/api/v1/session", { method: "POST", json: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "cw-gw-"));
}

export interface TestGatewayOptions {
  dir?: string;
  config?: Record<string, unknown>;
  live?: { pingMs?: number; maxBufferedBytes?: number };
  /** The clock's first reading (default: the real time), set before the core opens (the draw runs then). */
  now?: number;
}

export async function startTestGateway(opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const dir = opts.dir ?? tempDir();
  const clock = { now: opts.now ?? Date.now() };
  let fake: FakeRegistry | null = null;
  const gw = await createGateway({
    config: makeConfig({
      port: 0,
      host: "127.0.0.1",
      dataDir: dir,
      demoPassword,
      logLevel: "silent",
      wallDir: join(dir, "no-wall"),
      ...opts.config,
    }),
    log: createLogger("silent"),
    now: () => clock.now,
    media: (hooks) => {
      fake = new FakeRegistry(hooks);
      const f = fake;
      return { registry: f, close: () => f.close() };
    },
    ...(opts.live ? { live: opts.live } : {}),
  });
  const req = requester(gw.url);
  const login = (username: string, password = demoPassword) => loginWith(req, username, password);
  return {
    gw,
    fake: fake as unknown as FakeRegistry,
    dir,
    clock,
    login,
    req,
    async close({ keepDir = false } = {}) {
      await gw.close();
      if (!keepDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
