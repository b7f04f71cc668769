// The one error catalogue: code → HTTP status → default message. The HTTP edge turns any AppError
// (or a zod failure) into 4xx JSON {code, message, field?}; nothing a client sends becomes a 500.
import type { z } from "zod";

export const errorCatalogue = {
  bad_request: { status: 400, message: "The request is malformed." },
  invalid_json: { status: 400, message: "The body is not valid JSON." },
  validation: { status: 422, message: "A field has an invalid value." },
  unauthenticated: { status: 401, message: "Log in first: this needs a session." },
  bad_credentials: { status: 401, message: "Wrong user name or password." },
  bad_signature: { status: 401, message: "The feed signature or timestamp is invalid." },
  forbidden: { status: 403, message: "Your role or prison does not allow this." },
  bad_origin: { status: 403, message: "The request came from a page of another origin." },
  account_disabled: { status: 403, message: "This account is disabled: ask an administrator." },
  password_change_required: {
    status: 403,
    message: "Choose a new password first (PUT /api/v1/session/password): this one was reset.",
  },
  bad_token: { status: 403, message: "The stream token is invalid or expired: ask for a new play URL." },
  not_found: { status: 404, message: "No such resource." },
  conflict: { status: 409, message: "The resource is in a state that does not allow this." },
  weak_password: {
    status: 422,
    message: "Choose another password: at least 10 characters, not the username, not a common password.",
  },
  locked: {
    status: 423,
    message: "Too many failed logins: locked for a while. An administrator can unlock the account.",
  },
  too_large: { status: 413, message: "The body is too large." },
  rate_limited: { status: 429, message: "Too many attempts: wait and try again." },
  unavailable: { status: 503, message: "Not available right now: try again shortly." },
  transcode_full: {
    status: 503,
    message: "Every transcoder is busy (TRANSCODE_MAX): this H.265 camera cannot be converted for this browser now.",
  },
  timeout: { status: 504, message: "Timed out waiting for the stream." },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message?: string, field?: string) {
    super(message ?? errorCatalogue[code].message);
    this.code = code;
    this.field = field;
  }
  get status(): number {
    return errorCatalogue[this.code].status;
  }
  toJSON(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** Errors as data: parsers return this instead of throwing. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The success of a Result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** A refusal as data: the catalogue's code, a message that says what to do, the field at fault. */
export function fail<T = never>(code: ErrorCode, message: string, field?: string): Result<T> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/** Unwraps a Result, throwing its error as an AppError (the HTTP edge answers it as 4xx JSON). */
export function orThrow<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new AppError(r.error.code, r.error.message, r.error.field);
}

/** Turns a zod error into the catalogue's `validation` error naming the first bad field. */
export function fromZod(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join(".") : undefined;
  const message = issue ? `${field ?? "body"}: ${issue.message}` : errorCatalogue.validation.message;
  return field === undefined ? { code: "validation", message } : { code: "validation", message, field };
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: fromZod(r.error) };
}
