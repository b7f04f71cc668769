// Which key signs a prison's feed: an explicit key from config (`feedKeys: {prisonId: key}`, or the
// FEED_KEYS env var "p1=key1,p2=key2"), else the demo derivation from DEMO_FEED_SECRET. A prison with
// an explicit key never accepts its demo key. With no demo secret (null) and no explicit key there is
// no key: the caller answers 401. Pure: no config loading, no I/O.
import { idPattern, type Result, zId } from "@cw/protocol";
import { z } from "zod";
import { demoFeedKey } from "./signature";

/** A feed key: 32-256 printable ASCII characters without spaces (e.g. `openssl rand -hex 32`). */
export const zFeedKey = z
  .string()
  .regex(/^[\x21-\x7e]{32,256}$/, "a feed key is 32-256 printable ASCII characters without spaces");

export const zFeedKeys = z.record(zId, zFeedKey);
export type FeedKeys = z.infer<typeof zFeedKeys>;

export interface FeedKeyConfig {
  feedKeys?: Readonly<Record<string, string>>;
  /** DEMO_FEED_SECRET (default "demo"); null disables demo keys (production with explicit keys only). */
  demoFeedSecret: string | null;
}

/** The key a prison signs with, or null when none is configured. Does not check the prison exists. */
export function feedKeyFor(config: FeedKeyConfig, prisonId: string): string | null {
  const explicit = config.feedKeys?.[prisonId];
  if (explicit !== undefined) return explicit;
  if (config.demoFeedSecret === null || config.demoFeedSecret === "") return null;
  return demoFeedKey(config.demoFeedSecret, prisonId);
}

/** Parses FEED_KEYS: comma-separated `prisonId=key` pairs (whitespace around them ignored). */
export function parseFeedKeysEnv(text: string): Result<FeedKeys> {
  const out: Record<string, string> = {};
  const pairs = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  for (const [i, pair] of pairs.entries()) {
    const eq = pair.indexOf("=");
    const prisonId = eq === -1 ? "" : pair.slice(0, eq).trim();
    const key = eq === -1 ? "" : pair.slice(eq + 1).trim();
    const where = `FEED_KEYS entry ${i + 1}`;
    if (eq === -1) return bad(`${where} is not prisonId=key`, where);
    if (!idPattern.test(prisonId)) return bad(`${where}: "${prisonId.slice(0, 64)}" is not a prison id`, where);
    if (out[prisonId] !== undefined) return bad(`${where}: prison ${prisonId} is listed twice`, where);
    const checked = zFeedKey.safeParse(key);
    if (!checked.success) return bad(`${where} (${prisonId}): ${checked.error.issues[0]?.message ?? "bad key"}`, where);
    out[prisonId] = key;
  }
  return { ok: true, value: out };
}

function bad(message: string, field: string): Result<FeedKeys> {
  return { ok: false, error: { code: "validation", message, field } };
}
