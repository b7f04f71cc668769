// The seam between the edge's lower-platform SIP user agent (the INVITE dialog, `lower/`) and whatever
// sends the camera's video upward (PS over RTP from what the edge already ingests). The UA owns the
// dialog; the handler owns the media. With no handler registered the UA answers an INVITE 488. Types only.
import type { MediaTransport } from "../sdp/sdp";

/** What the upper platform asked for in its INVITE (its SDP offer), resolved to one of our cameras. */
export interface UplinkMediaRequest {
  /** The dialog's Call-ID: `stop(callId)` names the same session. */
  callId: string;
  /** The GB channel id the upper platform invited (20 digits). */
  channelId: string;
  /** Our camera behind that channel. */
  cameraId: string;
  /** `y=` of the offer: 10 decimal digits; the RTP SSRC is its number. */
  ssrc: string;
  /** The offer's `c=` address and `m=` port: where to send (udp), or connect to (tcp-passive). */
  remoteIp: string;
  remotePort: number;
  /**
   * The upper's transport as it offered it: `udp`; `tcp-passive` (it listens: we connect to
   * remoteIp:remotePort); `tcp-active` (it connects to us: we listen on localPort).
   */
  transport: MediaTransport;
  /** The offer's `a=setup` (RFC 4145), when present. */
  setup: "active" | "passive" | "actpass" | null;
}

/** Where our media comes from: written into the SDP answer (`c=` and `m=` port). */
export interface UplinkMediaAnswer {
  localIp: string;
  localPort: number;
}

export interface UplinkMediaHandler {
  /** Starts sending; rejects (Error with a reason) when the camera cannot be sent: the UA answers 488/500. */
  start(req: UplinkMediaRequest): Promise<UplinkMediaAnswer>;
  /** Stops the session (BYE either way, or the UA stopping). Idempotent; unknown ids are ignored. */
  stop(callId: string): void;
}
