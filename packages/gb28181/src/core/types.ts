// The platform core's inputs and outputs: messages in from an endpoint, messages out to one, and the
// domain events the gateway persists and shows. The core never touches a socket or the clock: the edge
// passes `now` and delivers what it returns.
import type { CatalogItem, DeviceInfo } from "../manscdp/messages";
import type { Span } from "../manscdp/recordInfo";
import type { Answer } from "../sdp/sdp";
import type { SipMessage } from "../sip/message";

export type SipTransport = "udp" | "tcp";

/** Where a message came from (the packet's source, not what its headers claim) or goes to. */
export interface Endpoint {
  transport: SipTransport;
  address: string;
  port: number;
}

export interface Outgoing {
  to: Endpoint;
  msg: SipMessage;
}

export interface AlarmReport {
  deviceId: string;
  priority: number | null;
  method: number | null;
  alarmType: number | null;
  time: string | null;
  description: string | null;
}

export type GbEvent =
  | { type: "registered"; deviceId: string; remote: Endpoint; expiresAt: number; kind: "device" | "platform" }
  | { type: "unregistered"; deviceId: string; reason: string }
  | { type: "online"; deviceId: string }
  | { type: "offline"; deviceId: string; reason: string }
  | { type: "keepalive"; deviceId: string; at: number; remote: Endpoint }
  | { type: "authFailed"; deviceId: string; address: string; blocked: boolean }
  | { type: "deviceInfo"; deviceId: string; info: DeviceInfo }
  | { type: "catalog"; deviceId: string; items: CatalogItem[]; sumNum: number; complete: boolean }
  | { type: "catalogNotify"; deviceId: string; items: CatalogItem[] }
  | { type: "alarm"; alarm: AlarmReport }
  | { type: "rejected"; from: Endpoint; reason: string }
  | { type: "inviteAnswered"; sessionId: string; answer: Answer; sdp: string }
  | { type: "inviteFailed"; sessionId: string; reason: string; status: number | null }
  | { type: "sessionEnded"; sessionId: string; reason: string }
  /** A playback control (INFO, MANSRTSP) was answered 2xx (ok), refused or not answered. */
  | { type: "controlled"; sessionId: string; ok: boolean; reason: string | null }
  | { type: "requestFailed"; deviceId: string; what: string; reason: string; sn?: number }
  /** A RecordInfo query's answer (all pages, or what came before the device went quiet). */
  | {
      type: "records";
      deviceId: string;
      channelId: string;
      sn: number;
      spans: Span[];
      items: number;
      sumNum: number | null;
      bad: number;
      complete: boolean;
    }
  /** A playback's MediaStatus notify (121: the device sent the file to its end); sessionId by Call-ID. */
  | { type: "mediaStatus"; deviceId: string; sessionId: string | null; notifyType: string | null };

export interface Step {
  out: Outgoing[];
  events: GbEvent[];
}

export const emptyStep = (): Step => ({ out: [], events: [] });

/** GB/T 28181 id digits 11–13 name the kind of thing (Annex D): 200 a platform (SIP server), else a device. */
export function idKind(id: string): "device" | "platform" {
  return id.slice(10, 13) === "200" ? "platform" : "device";
}
