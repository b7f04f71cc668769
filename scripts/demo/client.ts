// The demo seed's way into a gateway: only its public HTTP API, as a prison system or a user would use it.
// Owns: a logged-in session (the cw_session cookie) with JSON calls parsed by zod, and signed feed posts
// (docs/api/feeds.md: HMAC-SHA256 of "<timestamp>.<body>" with the prison's demo key).
// Never: reaches into the gateway's process or files, or retries a write (a failed write is an error).
import { createHmac } from "node:crypto";
import { z } from "zod";

const zFeedAccepted = z.object({ id: z.string(), duplicate: z.boolean() });

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: ${status} ${body.slice(0, 300)}`);
  }
}

/** A user's session on the gateway. */
export class Session {
  private constructor(
    readonly baseUrl: string,
    readonly username: string,
    private readonly cookie: string,
  ) {}

  static async open(baseUrl: string, username: string, password: string): Promise<Session> {
    const res = await fetch(`${baseUrl}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new ApiError(res.status, await res.text(), `login ${username}`);
    const cookie = /cw_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
    if (cookie === undefined) throw new Error(`login ${username}: no cw_session cookie in the answer`);
    return new Session(baseUrl, username, cookie);
  }

  get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    return this.call("GET", path, undefined, schema);
  }

  post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.call("POST", path, body, schema);
  }

  put<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.call("PUT", path, body, schema);
  }

  private async call<S extends z.ZodType>(
    method: string,
    path: string,
    body: unknown,
    schema: S,
  ): Promise<z.output<S>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new ApiError(res.status, text, `${this.username} ${method} ${path}`);
    return schema.parse(text === "" ? null : JSON.parse(text));
  }
}

/** The demo feed key of a prison: hex HMAC-SHA256(DEMO_FEED_SECRET, prisonId) (docs/api/feeds.md). */
export function demoFeedKey(prisonId: string, secret = "demo"): string {
  return createHmac("sha256", secret).update(prisonId).digest("hex");
}

/**
 * POSTs one signed feed record as a prison system does. `clockOffsetMs`: how far the gateway's clock runs
 * ahead of this process's (a gateway started with CLOCK_OFFSET_MS), so the timestamp is inside its window.
 */
export async function postFeed(
  baseUrl: string,
  prisonId: string,
  kind: "alarms" | "rollcalls",
  record: Record<string, unknown>,
  clockOffsetMs = 0,
): Promise<{ id: string; duplicate: boolean }> {
  const body = JSON.stringify(record);
  const ts = String(Date.now() + clockOffsetMs);
  const sig = `sha256=${createHmac("sha256", demoFeedKey(prisonId)).update(`${ts}.${body}`).digest("hex")}`;
  const res = await fetch(`${baseUrl}/api/v1/feeds/${prisonId}/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-feed-timestamp": ts, "x-feed-signature": sig },
    body,
  });
  const text = await res.text();
  if (res.status !== 202) throw new ApiError(res.status, text, `feed ${prisonId}/${kind} ${String(record.sourceId)}`);
  return zFeedAccepted.parse(JSON.parse(text));
}

/** Runs `f` over `items` with at most `n` in flight (the gateway fsyncs each write; a few at once is plenty). */
export async function inBatches<T, R>(items: readonly T[], n: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}
