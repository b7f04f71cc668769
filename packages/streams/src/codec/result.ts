// Errors as data for the codec parsers: a parse failure names the field that was wrong.
import type { Result } from "@cw/protocol";

export function fail<T>(field: string, message: string): Result<T> {
  return { ok: false, error: { code: "validation", message, field } };
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}
