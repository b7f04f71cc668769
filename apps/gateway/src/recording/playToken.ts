// Playback tokens: like live play tokens (signed with the server secret, carried in the URL path so
// hls.js needs no headers, bound to a session, sliding while used), but naming a window of recorded
// footage and where it is read from. A live token never opens recordings and a playback token never
// opens live video: the claims differ in kind. Pure.
import { z } from "zod";
import { readClaims, signClaims } from "../auth/hlsToken";

const zClaims = z
  .object({
    /** Token kind. */
    k: z.literal("rec"),
    /** Session hash prefix. */
    s: z.string(),
    /** Camera id. */
    c: z.string(),
    /** Window start and end, unix ms. */
    f: z.number().int(),
    t: z.number().int(),
    /** Where it reads: the recordings, the replay buffer of a variant, or a playback from the device. */
    src: z.enum(["recording", "replay:main", "replay:sub", "device"]),
    /** The device playback (src "device"). */
    d: z.string().max(32).optional(),
    /** Expiry, unix seconds (slides while used: TokenUse). */
    e: z.number(),
    n: z.string(),
  })
  .strict();
export type PlaybackClaims = z.infer<typeof zClaims>;

export const signPlayback = (secret: Buffer, claims: PlaybackClaims): string => signClaims(secret, claims);

export function readPlayback(secret: Buffer, token: string): PlaybackClaims | null {
  const parsed = zClaims.safeParse(readClaims(secret, token));
  return parsed.success ? parsed.data : null;
}
