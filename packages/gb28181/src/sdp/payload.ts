// What the device's answer says it will send, and whether we can take it. GB/T 28181 offers PS (96) with
// H264 (98) and MPEG4 (97) as alternatives; most devices answer PS, some (older IPCs, some platforms'
// cascades) answer raw H.264 over RTP (RFC 6184), which we depacketise; MPEG-4 Part 2 video has no
// browser decoder at all, so it is refused with a reason the tile can show. Pure.
import type { Answer } from "./sdp";

export type AnswerMedia = { ok: true; kind: "ps" | "h264"; payloadType: number } | { ok: false; reason: string };

/** Static meanings of the offer's payload types, for answers that leave out their a=rtpmap lines. */
const OFFERED: Record<number, string> = { 96: "PS", 98: "H264", 97: "MPEG4" };

const encodingOf = (a: Answer, pt: number): string =>
  (a.rtpmap.get(pt) ?? OFFERED[pt] ?? "").split("/")[0]!.toUpperCase();

/** PS when the answer lists it anywhere, else H.264; anything else is refused with what the device chose. */
export function answerMedia(a: Answer): AnswerMedia {
  const listed = a.payloadTypes.length > 0 ? a.payloadTypes : [96];
  const ps = listed.find((pt) => encodingOf(a, pt) === "PS");
  if (ps !== undefined) return { ok: true, kind: "ps", payloadType: ps };
  const h264 = listed.find((pt) => encodingOf(a, pt) === "H264");
  if (h264 !== undefined) return { ok: true, kind: "h264", payloadType: h264 };
  const pt = listed[0]!;
  const enc = encodingOf(a, pt) || "unknown";
  const what = enc === "MPEG4" ? "MPEG-4 video" : `${enc} video`;
  return {
    ok: false,
    reason: `the device answered ${what} (payload ${pt}), which browsers cannot play: set the channel to send PS (H.264/H.265)`,
  };
}
