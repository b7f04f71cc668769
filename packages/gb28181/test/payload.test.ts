// The device's INVITE answer: PS (96, or renumbered) taken as offered, raw H.264 (98) taken through RFC 6184,
// MPEG-4 (97) or anything else refused with a reason the tile can show.
import { describe, expect, it } from "vitest";
import { answerMedia } from "../src/sdp/payload";
import { parseAnswer } from "../src/sdp/sdp";

const answer = (m: string, ...rtpmap: string[]) =>
  parseAnswer(
    [
      "v=0",
      "c=IN IP4 10.8.3.20",
      `m=video 15060 RTP/AVP ${m}`,
      ...rtpmap.map((r) => `a=rtpmap:${r}`),
      "y=0100000001",
    ].join("\r\n"),
  )!;

describe("answerMedia", () => {
  it.each([
    ["PS on 96", answer("96", "96 PS/90000"), { ok: true, kind: "ps", payloadType: 96 }],
    ["PS renumbered", answer("100", "100 PS/90000"), { ok: true, kind: "ps", payloadType: 100 }],
    ["96 without an rtpmap line", answer("96"), { ok: true, kind: "ps", payloadType: 96 }],
    [
      "PS listed after H.264: PS preferred",
      answer("98 96", "98 H264/90000", "96 PS/90000"),
      { ok: true, kind: "ps", payloadType: 96 },
    ],
    ["H.264 on 98", answer("98", "98 H264/90000"), { ok: true, kind: "h264", payloadType: 98 }],
    ["H.264 lower-case and renumbered", answer("99", "99 h264/90000"), { ok: true, kind: "h264", payloadType: 99 }],
  ] as const)("%s", (_what, a, want) => expect(answerMedia(a)).toEqual(want));

  it.each([
    ["MPEG-4 on 97", answer("97", "97 MPEG4/90000"), "the device answered MPEG-4 video (payload 97)"],
    ["97 without an rtpmap line", answer("97"), "the device answered MPEG-4 video (payload 97)"],
    ["something else", answer("26", "26 JPEG/90000"), "the device answered JPEG video (payload 26)"],
  ] as const)("%s is refused with what the device chose", (_what, a, start) => {
    const r = answerMedia(a);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.startsWith(start)).toBe(true);
      expect(r.reason).toContain("set the channel to send PS");
    }
  });
});
