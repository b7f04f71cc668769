// HTTP Digest for SIP REGISTER (RFC 2617 / RFC 3261 §22.4), MD5, with or without qop=auth, as GB/T 28181
// devices use it. Only hashing and parameter parsing: who may register, nonces and rate limits live in the
// registrar. Pure (crypto is deterministic); never throws.
import { createHash, timingSafeEqual } from "node:crypto";

const md5 = (s: string): string => createHash("md5").update(s, "utf8").digest("hex");

export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm?: string | undefined;
  qop?: string | undefined;
  nc?: string | undefined;
  cnonce?: string | undefined;
}

/** Parses `Digest k="v", k=v, …`; null when it is not a Digest header or a required field is missing. */
export function parseAuthorization(v: string): DigestCredentials | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(v);
  if (!m) return null;
  const fields = new Map<string, string>();
  const re = /([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const f of m[1]!.matchAll(re)) fields.set(f[1]!.toLowerCase(), f[2] ?? f[3] ?? "");
  const get = (k: string) => fields.get(k);
  const [username, realm, nonce, uri, response] = ["username", "realm", "nonce", "uri", "response"].map(get);
  if (!username || realm === undefined || !nonce || !uri || !response) return null;
  return {
    username,
    realm,
    nonce,
    uri,
    response,
    algorithm: get("algorithm"),
    qop: get("qop"),
    nc: get("nc"),
    cnonce: get("cnonce"),
  };
}

/** The response a client with `password` would send for these credentials' other fields. */
export function digestResponse(c: Omit<DigestCredentials, "response">, password: string, method: string): string {
  const ha1 = md5(`${c.username}:${c.realm}:${password}`);
  const ha2 = md5(`${method}:${c.uri}`);
  if (c.qop === "auth") return md5(`${ha1}:${c.nonce}:${c.nc ?? ""}:${c.cnonce ?? ""}:auth:${ha2}`);
  return md5(`${ha1}:${c.nonce}:${ha2}`);
}

export function verifyDigest(c: DigestCredentials, password: string, method: string): boolean {
  if (c.algorithm && c.algorithm.toUpperCase() !== "MD5") return false;
  const expected = Buffer.from(digestResponse(c, password, method), "utf8");
  const given = Buffer.from(c.response.toLowerCase(), "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function challenge(realm: string, nonce: string): string {
  return `Digest realm="${realm}", nonce="${nonce}", algorithm=MD5`;
}
