// The pick: HMAC-SHA256(secret, message) → a 64-bit uniform → a weighted choice. Everything a verifier
// needs is in this file and the README; the message format is part of the protocol and must not change
// without a new rules version. Pure: the secret is an argument.
import { fromHex, toHex } from "./bytes";
import type { EligibleEntry } from "./eligibility";
import { blockKey } from "./eligibility";
import { hmacSha256 } from "./sha256";

/** One entry of the canonical list: `prisonId/blockId:daysSince|never:recentAlarms:weight`. */
export function canonicalEntry(e: EligibleEntry): string {
  return `${blockKey(e)}:${e.daysSince ?? "never"}:${e.recentAlarms}:${e.weight}`;
}

/** The HMAC message: `date|list` for the first draw, `date|redraw:k|list` for the k-th redraw. */
export function drawMessage(date: string, attempt: number, eligible: readonly EligibleEntry[]): string {
  const list = eligible.map(canonicalEntry).join(",");
  return attempt === 0 ? `${date}|${list}` : `${date}|redraw:${attempt}|${list}`;
}

const TWO_64 = 1n << 64n;

/**
 * Index of the weighted choice for the MAC: u = first 8 bytes big-endian, target = ⌊u × total / 2^64⌋,
 * the first entry whose cumulative weight exceeds target. Exact (BigInt); the bias against an exactly
 * proportional choice is below total / 2^64 per entry (≈ 10^-12 for a province), so no rejection loop.
 */
export function weightedIndex(mac: Uint8Array, weights: readonly number[]): number {
  let u = 0n;
  for (let i = 0; i < 8; i++) u = (u << 8n) | BigInt(mac[i] ?? 0);
  const total = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (total === 0n) return -1;
  const target = (u * total) / TWO_64;
  let cum = 0n;
  for (let i = 0; i < weights.length; i++) {
    cum += BigInt(weights[i]!);
    if (cum > target) return i;
  }
  return weights.length - 1;
}

export interface DrawPick {
  /** Hex HMAC-SHA256(secret, message). */
  mac: string;
  index: number;
  total: number;
  prisonId: string;
  blockId: string;
}

/** The pick for the inputs, or null when the secret is not 32 bytes of hex or nothing is eligible. */
export function computePick(
  secretHex: string,
  date: string,
  attempt: number,
  eligible: readonly EligibleEntry[],
): DrawPick | null {
  const secret = fromHex(secretHex);
  if (secret === null || secret.length !== 32 || eligible.length === 0) return null;
  const mac = hmacSha256(secret, drawMessage(date, attempt, eligible));
  const weights = eligible.map((e) => e.weight);
  const index = weightedIndex(mac, weights);
  const chosen = eligible[index];
  if (chosen === undefined) return null;
  return {
    mac: toHex(mac),
    index,
    total: weights.reduce((s, w) => s + w, 0),
    prisonId: chosen.prisonId,
    blockId: chosen.blockId,
  };
}
