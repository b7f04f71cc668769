// Temporary passwords for resets and the bootstrap administrator: 12 characters from an alphabet without
// look-alikes (no 0/O, 1/l/I), in three groups of four — easy to read aloud or copy from the screen, and
// 12 × log2(54) ≈ 69 bits. Randomness is an input (tests pass their own).
import { randomBytes } from "node:crypto";

const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export type RandomBytes = (n: number) => Buffer;

export function temporaryPassword(random: RandomBytes = randomBytes): string {
  const chars: string[] = [];
  // Rejection sampling keeps every character equally likely (256 is not a multiple of the alphabet).
  const limit = 256 - (256 % alphabet.length);
  while (chars.length < 12) {
    for (const b of random(16)) {
      if (b < limit && chars.length < 12) chars.push(alphabet[b % alphabet.length]!);
    }
  }
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}
