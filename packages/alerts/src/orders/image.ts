// An image carried by an order (its attachment) or by a feedback: base64 JPEG or PNG of at most 512 KB
// decoded. Checked arithmetically and by the magic bytes, never decoded (no I/O, same in Node and browser);
// the size rule and base64 arithmetic are the alarm snapshot's (schemas/snapshot.ts).
import { z } from "zod";
import { base64DecodedBytes, SNAPSHOT_MAX_BYTES } from "../schemas/snapshot";

export const ORDER_IMAGE_MAX_BYTES = SNAPSHOT_MAX_BYTES;
const MAX_CHARS = Math.ceil(ORDER_IMAGE_MAX_BYTES / 3) * 4;
const DATA_URL = /^data:image\/(?:jpeg|png);base64,/;
// Base64 of the magic numbers: FF D8 FF (JPEG) and 89 50 4E 47 0D 0A 1A 0A (PNG).
const JPEG_MAGIC = "/9j/";
const PNG_MAGIC = "iVBORw0KGgo";

/** Why an order image is unacceptable, or null when it is fine. Cheap checks first: length before regex. */
export function orderImageProblem(s: string): string | null {
  const tooLarge = `the image is larger than ${ORDER_IMAGE_MAX_BYTES / 1024} KB`;
  if (s.length > MAX_CHARS) return tooLarge;
  const bytes = base64DecodedBytes(s);
  if (bytes === null) return "the image is not base64 (A-Z a-z 0-9 + /, padded to a multiple of 4)";
  if (bytes > ORDER_IMAGE_MAX_BYTES) return tooLarge;
  if (!s.startsWith(JPEG_MAGIC) && !s.startsWith(PNG_MAGIC)) return "the image is neither a JPEG nor a PNG";
  return null;
}

/** Accepts bare base64 or a `data:image/jpeg|png;base64,` URL; outputs bare base64. */
export const zOrderImage = z.string().transform((raw, ctx) => {
  const s = raw.replace(DATA_URL, "");
  const problem = orderImageProblem(s);
  if (problem !== null) {
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  }
  return s;
});
