// The HTTP Range header of a byte-range request (RFC 9110 §14.1.2), one range only — what hls.js sends
// for EXT-X-BYTERANGE. Pure: the answer is the inclusive range to serve, "unsatisfiable" (416), or null
// for "no usable Range header: serve the whole".
export type RangeAnswer = { start: number; end: number } | "unsatisfiable" | null;

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return null;
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null; // several ranges or garbage: a server may ignore it
  if (m[1] === "") {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}
