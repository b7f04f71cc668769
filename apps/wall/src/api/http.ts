// The fetch wrapper: same-origin cookies, JSON in and out, every failure as a typed ApiError.
// Owns: turning HTTP into data and announcing a lost session (401) to whoever listens. Never
// renders, never retries on its own (callers decide), never keeps state besides the listeners.
import { type ApiError, type ErrorCode, errorCatalogue, parseWith } from "@cw/protocol";
import type { z } from "zod";
import type { EarlyWindow } from "./earlyRequests";

/** A failed request as data; `status` 0 means the server was not reached. */
export class HttpError extends Error {
  readonly status: number;
  readonly body: ApiError;
  constructor(status: number, body: ApiError) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
  get code(): ErrorCode | "network" | "unknown" {
    return this.body.code;
  }
}

const unauthorisedListeners = new Set<() => void>();

/** Called whenever a request comes back 401 (except the login itself): the app returns to login. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

function isApiError(x: unknown): x is ApiError {
  return (
    typeof x === "object" &&
    x !== null &&
    typeof (x as ApiError).code === "string" &&
    (x as ApiError).code in errorCatalogue &&
    typeof (x as ApiError).message === "string"
  );
}

function statusCode(status: number): ErrorCode {
  const hit = (Object.keys(errorCatalogue) as ErrorCode[]).find((c) => errorCatalogue[c].status === status);
  return hit ?? "unavailable";
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  /** The login request: a 401 there is "wrong password", not "session lost". */
  isLogin?: boolean;
}

function takeEarly(path: string): Promise<Response> | undefined {
  const early = (globalThis as EarlyWindow).__cwEarly;
  const res = early?.get(path);
  early?.delete(path);
  return res;
}

export async function request(path: string, options: RequestOptions = {}): Promise<unknown> {
  const init: RequestInit = {
    method: options.method ?? "GET",
    credentials: "same-origin",
    headers:
      options.body === undefined
        ? { accept: "application/json" }
        : { "content-type": "application/json", accept: "application/json" },
  };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  if (options.signal) init.signal = options.signal;

  // A GET the page's boot script already sent (boot.ts): its answer, once, instead of a second request.
  const early = init.method === "GET" && !options.signal ? takeEarly(path) : undefined;
  let res: Response;
  try {
    res = await (early ?? fetch(path, init));
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new HttpError(0, { code: "unavailable", message: "network" });
  }
  const text = await res.text();
  let json: unknown = null;
  if (text !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const body: ApiError = isApiError(json) ? json : { code: statusCode(res.status), message: res.statusText };
    if (res.status === 401 && !options.isLogin) for (const l of unauthorisedListeners) l();
    throw new HttpError(res.status, body);
  }
  return json;
}

/** Requests and validates the response against the shared zod schema. */
export async function requestParsed<S extends z.ZodType>(
  schema: S,
  path: string,
  options?: RequestOptions,
): Promise<z.infer<S>> {
  const json = await request(path, options);
  const parsed = parseWith(schema, json);
  if (!parsed.ok)
    throw new HttpError(502, { ...parsed.error, message: `unexpected response from ${path}: ${parsed.error.message}` });
  return parsed.value;
}
