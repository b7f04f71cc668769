// Live play dialogs (GB/T 28181-2016 §9.2): INVITE with the GB SDP to the device's registered address,
// ACK on 2xx (RFC 3261 §13.2.2.4: a new transaction, same CSeq number), BYE in the dialog when the stream
// goes idle, a BYE from the device ends the session; a playback's speed, pause and seek go as INFO
// (MANSRTSP). Failures — a non-2xx answer, an answer with no PS payload, no final answer in time — become
// an inviteFailed event with a reason a person can act on.
// Pure state; requests are built and returned, never sent.
import { MANSRTSP, mansrtspBody, type PlaybackControl } from "../mansrtsp/control";
import { answerMedia } from "../sdp/payload";
import { buildOffer, type MediaTransport, parseAnswer } from "../sdp/sdp";
import { parseNameAddr } from "../sip/headers";
import { header, type SipRequest, type SipResponse } from "../sip/message";
import { type IdSource, type Local, request } from "./outgoing";
import type { Endpoint, GbEvent, Outgoing } from "./types";

export interface PlayRequest {
  sessionId: string;
  deviceId: string;
  channelId: string;
  transport: MediaTransport;
  mediaIp: string;
  port: number;
  ssrc: string;
  /** A device recording (`s=Playback`) between these unix seconds; absent: live (`s=Play`). */
  playback?: { from: number; to: number };
  /** Download that recording (`s=Download`) at this many times real time instead of playing it. */
  downloadSpeed?: number;
}

interface Dialog {
  play: PlayRequest;
  to: Endpoint;
  callId: string;
  fromTag: string;
  toTag: string | null;
  cseq: number;
  /** Stopped before the device answered: a 2xx that still comes is ACKed and hung up at once. */
  hangUpOnAnswer: boolean;
  /** MANSRTSP requests sent in this dialog (their own CSeq). */
  controls: number;
}

export class Sessions {
  private readonly dialogs = new Map<string, Dialog>();
  private readonly byCallId = new Map<string, string>();

  constructor(
    private readonly local: Local,
    private readonly id: IdSource,
  ) {}

  invite(play: PlayRequest, to: Endpoint): { out: { to: Endpoint; msg: SipRequest }; branch: string } {
    const d: Dialog = {
      play,
      to,
      callId: `${this.id()}@${this.local.host}`,
      fromTag: this.id(),
      toTag: null,
      cseq: 1,
      hangUpOnAnswer: false,
      controls: 0,
    };
    this.dialogs.set(play.sessionId, d);
    this.byCallId.set(d.callId, play.sessionId);
    const branch = `z9hG4bK${this.id()}`;
    const sdp = buildOffer({
      serverId: this.local.serverId,
      channelId: play.channelId,
      mediaIp: play.mediaIp,
      port: play.port,
      transport: play.transport,
      ssrc: play.ssrc,
      ...(play.playback ? { playback: play.playback } : {}),
      ...(play.downloadSpeed ? { downloadSpeed: play.downloadSpeed } : {}),
    });
    const msg = request(this.local, {
      method: "INVITE",
      target: play.channelId,
      to,
      callId: d.callId,
      fromTag: d.fromTag,
      cseq: d.cseq,
      branch,
      body: { type: "APPLICATION/SDP", bytes: Buffer.from(sdp) },
      // Subject (GB/T 28181 §9.2.2.1): media sender id : SSRC, receiver id : 0.
      extra: [["subject", `${play.channelId}:${play.ssrc},${this.local.serverId}:0`]],
    });
    return { out: { to, msg }, branch };
  }

  /** The final answer to our INVITE (null: none came in time). */
  answered(sessionId: string, res: SipResponse | null): { out: Outgoing[]; events: GbEvent[] } {
    const d = this.dialogs.get(sessionId);
    if (!d) return { out: [], events: [] };
    const fail = (reason: string, status: number | null) => {
      this.forget(sessionId);
      return { out: [], events: [{ type: "inviteFailed", sessionId, reason, status } satisfies GbEvent] };
    };
    if (!res) return fail("the device did not answer the INVITE", null);
    if (res.status >= 300) return fail(`the device refused: ${res.status} ${res.reason}`.trim(), res.status);
    d.toTag = parseNameAddr(header(res, "to") ?? "")?.params.get("tag") ?? null;
    const out: Outgoing[] = [{ to: d.to, msg: this.inDialog(d, "ACK", d.cseq) }];
    if (d.hangUpOnAnswer) {
      d.cseq++;
      out.push({ to: d.to, msg: this.inDialog(d, "BYE", d.cseq) });
      this.forget(sessionId);
      return {
        out,
        events: [{ type: "inviteFailed", sessionId, reason: "stopped before the device answered", status: res.status }],
      };
    }
    const sdp = res.body.toString("utf8");
    const answer = parseAnswer(sdp);
    const media = answer ? answerMedia(answer) : ({ ok: false, reason: "the device's answer has no video" } as const);
    if (!answer || !media.ok) {
      d.cseq++;
      out.push({ to: d.to, msg: this.inDialog(d, "BYE", d.cseq) });
      this.forget(sessionId);
      return {
        out,
        events: [
          {
            type: "inviteFailed",
            sessionId,
            reason: media.ok ? "the device's answer has no video" : media.reason,
            status: res.status,
          },
        ],
      };
    }
    return { out, events: [{ type: "inviteAnswered", sessionId, answer, sdp }] };
  }

  /** Ends a session from our side (idle, failed media): BYE if the dialog was established. */
  bye(sessionId: string): Outgoing[] {
    const d = this.dialogs.get(sessionId);
    if (!d) return [];
    if (d.toTag === null) {
      d.hangUpOnAnswer = true; // the INVITE is still out: its answer will be hung up
      return [];
    }
    this.forget(sessionId);
    d.cseq++;
    return [{ to: d.to, msg: this.inDialog(d, "BYE", d.cseq) }];
  }

  /**
   * Playback control in an established playback dialog (§9.8.3): an INFO carrying MANSRTSP. Null when the
   * session is not a playback or its dialog is not up (no answer yet, or ended).
   */
  control(sessionId: string, c: PlaybackControl): { out: { to: Endpoint; msg: SipRequest }; branch: string } | null {
    const d = this.dialogs.get(sessionId);
    if (!d || d.toTag === null || !d.play.playback || d.hangUpOnAnswer) return null;
    d.cseq++;
    d.controls++;
    const branch = `z9hG4bK${this.id()}`;
    const msg = this.inDialog(d, "INFO", d.cseq, branch, { type: MANSRTSP, bytes: mansrtspBody(c, d.controls) });
    return { out: { to: d.to, msg }, branch };
  }

  /** A BYE from the device: which session it ends, if any. */
  byeFromDevice(req: SipRequest): string | null {
    const sessionId = this.byCallId.get(header(req, "call-id") ?? "");
    if (sessionId) this.forget(sessionId);
    return sessionId ?? null;
  }

  /** The session a message within a dialog belongs to (by Call-ID), if any. */
  sessionOf(callId: string): string | null {
    return this.byCallId.get(callId) ?? null;
  }

  has(sessionId: string): boolean {
    return this.dialogs.has(sessionId);
  }

  private forget(sessionId: string): void {
    const d = this.dialogs.get(sessionId);
    if (d) this.byCallId.delete(d.callId);
    this.dialogs.delete(sessionId);
  }

  private inDialog(
    d: Dialog,
    method: "ACK" | "BYE" | "INFO",
    cseq: number,
    branch = `z9hG4bK${this.id()}`,
    body?: { type: string; bytes: Buffer },
  ): SipRequest {
    return request(this.local, {
      method,
      target: d.play.channelId,
      to: d.to,
      callId: d.callId,
      fromTag: d.fromTag,
      toTag: d.toTag ?? undefined,
      cseq,
      branch,
      body,
    });
  }
}
