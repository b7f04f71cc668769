// An inspection test gateway: the shared HTTP test helpers, but with the clock set BEFORE the core
// opens (the draw happens at start) and a data dir that survives a restart.
import type { Gateway } from "../../src/gateway";
import { startTestGateway } from "../helpers";

export interface InspectionGateway {
  gw: Gateway;
  dir: string;
  clock: { now: number };
  login(username: string): Promise<string>;
  req(path: string, init?: RequestInit & { cookie?: string; json?: unknown }): Promise<Response>;
  /** GET as JSON with a cookie; fails the test on a non-2xx answer. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON answers
  get<T = any>(path: string, cookie: string): Promise<T>;
  post(path: string, cookie: string, json: unknown): Promise<Response>;
  close(opts?: { keepDir?: boolean }): Promise<void>;
}

/** Instant of a local (+08:00) wall-clock time. */
export const local = (iso: string): number => Date.parse(`${iso}+08:00`);

export async function startInspectionGateway(
  at: number,
  opts: { dir?: string; config?: Record<string, unknown> } = {},
): Promise<InspectionGateway> {
  const t = await startTestGateway({
    now: at,
    config: { feedSim: false, ...opts.config },
    ...(opts.dir ? { dir: opts.dir } : {}),
  });
  const { gw, dir, clock, req, login, close } = t;
  return {
    gw,
    dir,
    clock,
    req,
    login: (username) => login(username),
    async get(path, cookie) {
      const res = await req(path, { cookie });
      const text = await res.text();
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text}`);
      return JSON.parse(text);
    },
    post: (path, cookie, json) => req(path, { method: "POST", cookie, json }),
    close,
  };
}

/** A tiny "JPEG": the magic bytes and padding (the gateway checks the base64 and FF D8 FF, not the image). */
export const jpeg = (fill = 7): string =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, fill), Buffer.from([0xff, 0xd9])]).toString(
    "base64",
  );
