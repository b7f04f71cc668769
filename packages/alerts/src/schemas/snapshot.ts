// The alarm snapshot: a base64 JPEG of at most 512 KB decoded. Checked arithmetically (charset, length,
// padding) and by the JPEG magic (FF D8 FF → "/9j/"), never by decoding: this package does no I/O and
// must run the same in Node and the browser.
import { z } from "zod";

export const SNAPSHOT_MAX_BYTES = 512 * 1024;
const DATA_URL_PREFIX = "data:image/jpeg;base64,";
const MAX_CHARS = Math.ceil(SNAPSHOT_MAX_BYTES / 3) * 4;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decoded size of a canonical base64 string, or null when the string is not canonical base64. */
export function base64DecodedBytes(s: string): number | null {
  if (s.length % 4 !== 0 || !BASE64.test(s)) return null;
  const pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
  return (s.length / 4) * 3 - pad;
}

/** Why a snapshot is unacceptable, or null when it is fine. Cheap checks first: length before regex. */
export function snapshotProblem(s: string): string | null {
  if (s.length > MAX_CHARS) return `the snapshot is larger than ${SNAPSHOT_MAX_BYTES / 1024} KB`;
  const bytes = base64DecodedBytes(s);
  if (bytes === null) return "the snapshot is not base64 (A-Z a-z 0-9 + /, padded to a multiple of 4)";
  if (bytes > SNAPSHOT_MAX_BYTES) return `the snapshot is larger than ${SNAPSHOT_MAX_BYTES / 1024} KB`;
  if (!s.startsWith("/9j/")) return "the snapshot is not a JPEG (it must start with FF D8 FF)";
  return null;
}

/** Accepts bare base64 or a `data:image/jpeg;base64,` URL; outputs bare base64. */
export const zSnapshot = z.string().transform((raw, ctx) => {
  const s = raw.startsWith(DATA_URL_PREFIX) ? raw.slice(DATA_URL_PREFIX.length) : raw;
  const problem = snapshotProblem(s);
  if (problem !== null) {
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  }
  return s;
});
