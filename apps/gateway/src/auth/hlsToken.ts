// HLS play tokens: the URL carries the session so hls.js needs no headers. token =
// base64url(JSON {s: session-hash prefix, c: camera, v: variant, e: expiry unix s, n: nonce}) "." base64url(HMAC).
// A token lives until `e`, and slides while it is used: each successful HLS request keeps it alive for
// another TTL (TokenUse). It dies at once when its session ends. Signing and checking are pure.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { type Rendition, zRendition } from "@cw/protocol";

export interface TokenClaims {
  /** Session hash prefix. */
  s: string;
  /** Camera id. */
  c: string;
  /** The rendition the token opens; "all": the camera's multivariant playlist and every rendition in it. */
  v: Rendition | "all";
  /** Expiry, unix seconds. */
  e: number;
  /** Nonce: every play URL is distinct, so "once per play URL" is well defined. */
  n: string;
}

const mac = (secret: Buffer, body: string) => createHmac("sha256", secret).update(body).digest();

/** Any JSON claims, signed: base64url(JSON) "." base64url(HMAC). Play and playback tokens both use it. */
export function signClaims(secret: Buffer, claims: object): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${mac(secret, body).toString("base64url")}`;
}

/** The parsed JSON of an authentic signed token (shape not checked), or null for a forged one. */
export function readClaims(secret: Buffer, token: string): unknown {
  if (token.length > 512) return null;
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const sig = Buffer.from(token.slice(dot + 1), "base64url");
  const want = mac(secret, body);
  if (sig.length !== want.length || !timingSafeEqual(sig, want)) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}

export function signToken(secret: Buffer, claims: TokenClaims): string {
  return signClaims(secret, claims);
}

/** The claims of an authentic token (expiry NOT checked: see TokenUse), or null for a forged one. */
export function readToken(secret: Buffer, token: string): TokenClaims | null {
  const raw = readClaims(secret, token);
  if (typeof raw !== "object" || raw === null) return null;
  const c = raw as Partial<TokenClaims>;
  if (typeof c.s !== "string" || typeof c.c !== "string" || typeof c.e !== "number") return null;
  const v = c.v === "all" ? "all" : zRendition.safeParse(c.v);
  if (v !== "all" && !v.success) return null;
  return { s: c.s, c: c.c, v: v === "all" ? "all" : v.data, e: c.e, n: typeof c.n === "string" ? c.n : "" };
}

export const tokenKey = (token: string): string => createHash("sha256").update(token).digest("base64url");

/**
 * Tracks when each token was last used, so a token in use outlives `e` and an idle one dies after TTL.
 * Bounded: entries idle for more than TTL (and past `e`) are swept.
 */
export class TokenUse {
  private readonly lastUse = new Map<string, { at: number; e: number; viewed: boolean }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {
    this.timer = setInterval(() => this.sweep(), Math.max(1000, ttlMs));
    this.timer.unref();
  }

  /** Alive: before its expiry, or used within the last TTL. */
  alive(key: string, claims: Pick<TokenClaims, "e">): boolean {
    const now = this.now();
    if (now <= claims.e * 1000) return true;
    const u = this.lastUse.get(key);
    return u !== undefined && now - u.at <= this.ttlMs;
  }

  /** Records a use; returns true for the token's first playlist request (the start of a view). */
  touch(key: string, claims: Pick<TokenClaims, "e">, playlist: boolean): boolean {
    const prev = this.lastUse.get(key);
    const first = playlist && !prev?.viewed;
    this.lastUse.set(key, { at: this.now(), e: claims.e * 1000, viewed: (prev?.viewed ?? false) || playlist });
    return first;
  }

  sweep(): void {
    const now = this.now();
    for (const [k, u] of this.lastUse) if (now - u.at > this.ttlMs && now > u.e) this.lastUse.delete(k);
  }

  get size(): number {
    return this.lastUse.size;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
