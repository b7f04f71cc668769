// Names of the files under /hls/<token>/<camera>/<variant>/ and the playlist's LL-HLS query, parsed
// into data (or an error as data). Pure; table- and property-tested.
import type { ApiError, Result } from "@cw/protocol";
import type { PlaylistQuery } from "@cw/streams";

export type HlsFile =
  | { kind: "playlist" }
  | { kind: "init"; version?: number }
  | { kind: "segment"; msn: number }
  | { kind: "part"; msn: number; part: number };

const maxMsn = 2 ** 32;

export function parseHlsFile(name: string): HlsFile | null {
  if (name === "index.m3u8") return { kind: "playlist" };
  if (name === "init.mp4") return { kind: "init" };
  const init = /^init-(\d{1,9})\.mp4$/.exec(name);
  if (init) return { kind: "init", version: Number(init[1]) };
  let m = /^s(\d{1,10})\.m4s$/.exec(name);
  if (m) {
    const msn = Number(m[1]);
    return msn <= maxMsn ? { kind: "segment", msn } : null;
  }
  m = /^p(\d{1,10})\.(\d{1,4})\.m4s$/.exec(name);
  if (m) {
    const msn = Number(m[1]);
    return msn <= maxMsn ? { kind: "part", msn, part: Number(m[2]) } : null;
  }
  return null;
}

const bad = (field: string, message: string): { ok: false; error: ApiError } => ({
  ok: false,
  error: { code: "bad_request", message: `${field}: ${message}`, field },
});

function int(v: unknown, field: string, max: number): Result<number | undefined> {
  if (v === undefined) return { ok: true, value: undefined };
  if (typeof v !== "string" || !/^\d{1,10}$/.test(v) || Number(v) > max) return bad(field, `an integer 0..${max}`);
  return { ok: true, value: Number(v) };
}

/** `_HLS_msn`, `_HLS_part` (needs msn), `_HLS_skip` (YES or v2). Other parameters are ignored. */
export function parsePlaylistQuery(q: Record<string, unknown>): Result<PlaylistQuery> {
  const msn = int(q._HLS_msn, "_HLS_msn", maxMsn);
  if (!msn.ok) return msn;
  const part = int(q._HLS_part, "_HLS_part", 9999);
  if (!part.ok) return part;
  if (part.value !== undefined && msn.value === undefined) return bad("_HLS_part", "needs _HLS_msn");
  const skip = q._HLS_skip;
  if (skip !== undefined && skip !== "YES" && skip !== "v2") return bad("_HLS_skip", "YES or v2");
  return { ok: true, value: { msn: msn.value, part: part.value, skip: skip !== undefined } };
}
