// The lower platform's protocol core (GB/T 28181-2016 as a platform that registers upward, type 200):
// registration and keepalives (registration.ts), the upper's queries answered — Catalog in pages of
// `pageSize` with SumNum, DeviceInfo, DeviceStatus —, PTZ control passed on as an event, catalogue changes
// and alarms sent up, and the upper's INVITE dialogs (100, then 200 with our SDP once the edge's media
// handler has a port, or a refusal; ACK; BYE either way). Holds no socket, timer or clock: the edge
// (`lowerUa.ts`) feeds it packets and `now` and sends what it returns. Never throws on input.
import { type IdSource, MANSCDP, request, response } from "../core/outgoing";
import { type OutRequest, Transactions } from "../core/transactions";
import type { Endpoint, Outgoing } from "../core/types";
import { parseXml } from "../manscdp/xml";
import { parseNameAddr, parseUri } from "../sip/headers";
import { header, type SipMessage, type SipRequest, type SipResponse } from "../sip/message";
import {
  alarmBody,
  type CatalogEvent,
  catalogNotifyBody,
  catalogPages,
  deviceInfoBody,
  deviceStatusBody,
  keepaliveBody,
  type LowerItem,
  type UplinkAlarm,
} from "./bodies";
import { buildLowerAnswer, type Offer, parseOffer } from "./offer";
import { authorization, type Challenge, grantedExpires, parseChallenge, RegistrationClock } from "./registration";

export interface LowerAgentOptions {
  /** Our 20-digit platform id (digits 11–13: 200). */
  id: string;
  /** The name DeviceInfo gives (the prison's). */
  name: string;
  upper: { id: string; domain: string; endpoint: Endpoint };
  password: string;
  /** Address and port the upper reaches us at (Via, Contact). */
  host: string;
  port: number;
  keepaliveMs: number;
  expiresS?: number;
  /** Catalogue items per MESSAGE (default 20). */
  pageSize?: number;
  requestTimeoutMs?: number;
  ids: IdSource;
  /** Our catalogue as it is now. */
  catalog(): LowerItem[];
}

export type LowerEvent =
  | { type: "registered"; expiresS: number }
  | { type: "registerFailed"; reason: string }
  | { type: "linkLost"; reason: string }
  | { type: "unregistered" }
  | { type: "invite"; callId: string; channelId: string; offer: Offer }
  | { type: "bye"; callId: string; reason: string }
  | { type: "ptz"; channelId: string; ptzCmd: string }
  | { type: "catalogQueried"; sn: number; items: number };

export interface LowerStep {
  out: Outgoing[];
  events: LowerEvent[];
}

type Tag = { kind: "register"; expires: number } | { kind: "keepalive" } | { kind: "message" };

interface Call {
  req: SipRequest;
  from: Endpoint;
  toTag: string;
  channelId: string;
  offer: Offer;
  last: SipResponse | null;
  confirmed: boolean;
}

const empty = (): LowerStep => ({ out: [], events: [] });

export class LowerAgent {
  readonly clock: RegistrationClock;
  private readonly tx = new Transactions<Tag>();
  private readonly calls = new Map<string, Call>();
  private readonly regCallId: string;
  private readonly regFromTag: string;
  private cseq = 1;
  private sn = 1;
  private nc = 0;
  private challenge: Challenge | null = null;
  private authTries = 0;

  constructor(private readonly o: LowerAgentOptions) {
    this.clock = new RegistrationClock(o.keepaliveMs);
    this.regCallId = `${o.ids()}@${o.host}`;
    this.regFromTag = o.ids();
  }

  get registered(): boolean {
    return this.clock.state === "registered";
  }

  /** The port we listen on, once bound. */
  listeningOn(port: number): void {
    this.o.port = port;
  }

  start(now: number): LowerStep {
    this.clock.failed(now, true);
    return this.tick(now);
  }

  /** Unregisters (Expires: 0) and ends every call; nothing more is sent after this. */
  stop(now: number): LowerStep {
    const step = empty();
    for (const callId of [...this.calls.keys()]) step.out.push(...this.hangUp(callId, now).out);
    const wasRegistered = this.registered;
    this.clock.state = "stopped";
    if (wasRegistered) step.out.push(this.register(0, now));
    return step;
  }

  tick(now: number): LowerStep {
    const step = empty();
    const { resend, timedOut } = this.tx.tick(now);
    step.out.push(...resend);
    for (const t of timedOut) this.settled(step, t.tag, null, now);
    const due = this.clock.due(now);
    if (due.register) step.out.push(this.register(this.o.expiresS ?? 3600, now));
    if (due.keepalive) step.out.push(this.message(keepaliveBody(this.o.id, this.sn++), now, { kind: "keepalive" }));
    return step;
  }

  receive(msg: SipMessage, from: Endpoint, now: number): LowerStep {
    if (msg.kind === "response") return this.onResponse(msg, now);
    switch (msg.method) {
      case "MESSAGE":
        return this.onMessage(msg, from, now);
      case "SUBSCRIBE":
        return this.reply(msg, from, 200, "OK", [["expires", header(msg, "expires") ?? "3600"]]);
      case "INVITE":
        return this.onInvite(msg, from);
      case "ACK": {
        const call = this.calls.get(header(msg, "call-id") ?? "");
        if (call) call.confirmed = true;
        return empty();
      }
      case "BYE": {
        const callId = header(msg, "call-id") ?? "";
        const known = this.calls.delete(callId);
        const step = this.reply(msg, from, known ? 200 : 481, known ? "OK" : "Call/Transaction Does Not Exist");
        if (known) step.events.push({ type: "bye", callId, reason: "the upper platform hung up (BYE)" });
        return step;
      }
      case "CANCEL": {
        const callId = header(msg, "call-id") ?? "";
        const call = this.calls.get(callId);
        const step = this.reply(msg, from, 200, "OK");
        if (call && !call.last?.status.toString().startsWith("2")) {
          this.calls.delete(callId);
          step.out.push({
            to: call.from,
            msg: response(call.req, call.from, 487, "Request Terminated", [], undefined, call.toTag),
          });
          step.events.push({ type: "bye", callId, reason: "the upper platform cancelled the INVITE" });
        }
        return step;
      }
      case "OPTIONS":
        return this.reply(msg, from, 200, "OK");
      default:
        return this.reply(msg, from, 405, "Method Not Allowed");
    }
  }

  /** The media handler is sending from ip:port: the 200 with our SDP. */
  answerInvite(callId: string, media: { ip: string; port: number }): LowerStep {
    const call = this.calls.get(callId);
    if (!call) return empty();
    const sdp = buildLowerAnswer({
      channelId: call.channelId,
      ip: media.ip,
      port: media.port,
      transport: call.offer.transport,
      ssrc: call.offer.ssrc ?? "0000000000",
    });
    const contact: [string, string] = ["contact", `<sip:${this.o.id}@${this.o.host}:${this.o.port}>`];
    const res = response(
      call.req,
      call.from,
      200,
      "OK",
      [contact],
      { type: "application/sdp", bytes: Buffer.from(sdp) },
      call.toTag,
    );
    call.last = res;
    return { out: [{ to: call.from, msg: res }], events: [] };
  }

  /** The call cannot be served (no media handler: 488; the camera is down: 480 …). */
  refuseInvite(callId: string, status: number, reason: string): LowerStep {
    const call = this.calls.get(callId);
    if (!call) return empty();
    this.calls.delete(callId);
    return {
      out: [{ to: call.from, msg: response(call.req, call.from, status, reason, [], undefined, call.toTag) }],
      events: [],
    };
  }

  /** Our side ends a call (the camera's stream ended, or we stop): BYE in the dialog. */
  hangUp(callId: string, now: number): LowerStep {
    const call = this.calls.get(callId);
    if (!call) return empty();
    this.calls.delete(callId);
    const upperTag = parseNameAddr(header(call.req, "from") ?? "")?.params.get("tag") ?? undefined;
    const branch = `z9hG4bK${this.o.ids()}`;
    const bye = request(this.local(), {
      method: "BYE",
      target: this.o.upper.id,
      to: call.from,
      callId,
      fromTag: call.toTag,
      toTag: upperTag ?? undefined,
      cseq: this.cseq++,
      branch,
    });
    const out: OutRequest = { to: call.from, msg: bye };
    this.tx.start(branch, out, { kind: "message" }, now, this.o.requestTimeoutMs ?? 4000);
    return { out: [out], events: [] };
  }

  /** Catalogue changes since the last catalogue sent (§9.11 NOTIFY): what was added, removed or renamed. */
  notifyCatalog(changes: { item: LowerItem; event: CatalogEvent }[], now: number): LowerStep {
    if (!this.registered || changes.length === 0) return empty();
    const step = empty();
    const size = this.o.pageSize ?? 20;
    for (let i = 0; i < changes.length; i += size)
      step.out.push(
        this.message(
          catalogNotifyBody(this.o.id, this.sn++, changes.slice(i, i + size)),
          now,
          { kind: "message" },
          "NOTIFY",
          [
            ["event", "Catalog"],
            ["subscription-state", "active"],
          ],
        ),
      );
    return step;
  }

  /** An alarm of one of our channels, sent up (A.2.6.8); nothing while unregistered. */
  alarm(a: UplinkAlarm, now: number): LowerStep {
    if (!this.registered) return empty();
    return { out: [this.message(alarmBody(this.sn++, a), now, { kind: "message" })], events: [] };
  }

  private local() {
    return { serverId: this.o.id, domain: this.o.upper.domain, host: this.o.host, port: this.o.port };
  }

  private register(expires: number, now: number): OutRequest {
    const uri = `sip:${this.o.upper.id}@${this.o.upper.domain}`;
    const branch = `z9hG4bK${this.o.ids()}`;
    const auth: [string, string][] = [];
    if (this.challenge) {
      const cnonce = this.o.ids();
      auth.push(["authorization", authorization(this.challenge, this.o.id, this.o.password, uri, ++this.nc, cnonce)]);
    }
    const to = this.o.upper.endpoint;
    const msg = request(this.local(), {
      method: "REGISTER",
      target: this.o.id,
      to,
      callId: this.regCallId,
      fromTag: this.regFromTag,
      cseq: this.cseq++,
      branch,
      extra: [["expires", String(expires)], ...auth],
    });
    const out: OutRequest = { to, msg: { ...msg, uri } };
    this.tx.start(branch, out, { kind: "register", expires }, now, this.o.requestTimeoutMs ?? 4000);
    return out;
  }

  private message(body: Buffer, now: number, tag: Tag, method = "MESSAGE", extra: [string, string][] = []): OutRequest {
    const to = this.o.upper.endpoint;
    const branch = `z9hG4bK${this.o.ids()}`;
    const msg = request(this.local(), {
      method,
      target: this.o.upper.id,
      to,
      callId: `${this.o.ids()}@${this.o.host}`,
      fromTag: this.o.ids(),
      cseq: this.cseq++,
      branch,
      body: { type: MANSCDP, bytes: body },
      extra,
    });
    const out: OutRequest = { to, msg };
    // A keepalive is settled within one interval, so three unanswered ones take three intervals.
    const timeout = tag.kind === "keepalive" ? Math.max(this.o.keepaliveMs, 1000) : (this.o.requestTimeoutMs ?? 4000);
    this.tx.start(branch, out, tag, now, timeout);
    return out;
  }

  private onResponse(res: SipResponse, now: number): LowerStep {
    const step = empty();
    const v = header(res, "via");
    const branch = v ? /;\s*branch=([^;\s]+)/i.exec(v)?.[1] : undefined;
    if (!branch) return step;
    const settled = this.tx.respond(branch, res);
    if (settled === null || settled === "provisional") return step;
    this.settled(step, settled.tag, res, now);
    return step;
  }

  private settled(step: LowerStep, tag: Tag, res: SipResponse | null, now: number): void {
    if (tag.kind === "register") {
      if (this.clock.state === "stopped") {
        if (res?.status === 401 && tag.expires === 0 && this.authTries++ < 1) {
          this.challenge = parseChallenge(header(res, "www-authenticate") ?? "");
          if (this.challenge) step.out.push(this.register(0, now));
          return;
        }
        step.events.push({ type: "unregistered" });
        return;
      }
      if (res && (res.status === 401 || res.status === 407) && this.authTries < 2) {
        this.authTries++;
        const c = parseChallenge(header(res, res.status === 401 ? "www-authenticate" : "proxy-authenticate") ?? "");
        if (c) {
          this.challenge = c;
          this.nc = 0;
          step.out.push(this.register(tag.expires, now));
          return;
        }
      }
      this.authTries = 0;
      if (res && res.status >= 200 && res.status < 300) {
        const expires = grantedExpires(res, tag.expires);
        this.clock.granted(expires, now);
        step.events.push({ type: "registered", expiresS: expires });
        return;
      }
      this.challenge = null;
      this.clock.failed(now);
      step.events.push({ type: "registerFailed", reason: res ? `${res.status} ${res.reason}` : "no answer" });
      return;
    }
    if (tag.kind === "keepalive") {
      if (res && res.status >= 200 && res.status < 300) {
        this.clock.keepaliveAnswered();
        return;
      }
      const forgotten = res !== null; // 404 (restarted upper) or any refusal: it no longer knows us
      if (forgotten || this.clock.keepaliveMissed()) {
        const reason = res ? `the upper answered a keepalive ${res.status} ${res.reason}` : "3 keepalives unanswered";
        this.challenge = null;
        this.clock.failed(now, true);
        step.events.push({ type: "linkLost", reason });
      }
    }
  }

  private onMessage(req: SipRequest, from: Endpoint, now: number): LowerStep {
    const xml = parseXml(req.body);
    if (!xml.ok) return this.reply(req, from, 400, "Bad Request");
    const step = this.reply(req, from, 200, "OK");
    const cmd = typeof xml.body["CmdType"] === "string" ? xml.body["CmdType"] : "";
    const snText = typeof xml.body["SN"] === "string" ? xml.body["SN"] : "0";
    const sn = /^\d{1,9}$/.test(snText) ? Number(snText) : 0;
    if (xml.root === "Query" && cmd === "Catalog") {
      const items = this.o.catalog();
      for (const page of catalogPages(this.o.id, sn, items, this.o.pageSize ?? 20))
        step.out.push(this.message(page, now, { kind: "message" }));
      step.events.push({ type: "catalogQueried", sn, items: items.length });
    } else if (xml.root === "Query" && cmd === "DeviceInfo") {
      const channels = this.o.catalog().filter((i) => i.kind === "camera").length;
      step.out.push(this.message(deviceInfoBody(this.o.id, sn, this.o.name, channels), now, { kind: "message" }));
    } else if (xml.root === "Query" && cmd === "DeviceStatus") {
      step.out.push(this.message(deviceStatusBody(this.o.id, sn), now, { kind: "message" }));
    } else if (xml.root === "Control" && cmd === "DeviceControl") {
      const channelId = typeof xml.body["DeviceID"] === "string" ? xml.body["DeviceID"] : "";
      const ptzCmd = typeof xml.body["PTZCmd"] === "string" ? xml.body["PTZCmd"] : "";
      if (ptzCmd) step.events.push({ type: "ptz", channelId, ptzCmd });
    }
    return step;
  }

  private onInvite(req: SipRequest, from: Endpoint): LowerStep {
    const callId = header(req, "call-id") ?? "";
    const known = this.calls.get(callId);
    if (known) {
      // A retransmission: say again what we said.
      const again = known.last ?? response(req, from, 100, "Trying");
      return { out: [{ to: from, msg: again }], events: [] };
    }
    const channelId = parseUri(req.uri)?.user ?? "";
    const offer = parseOffer(req.body.toString("utf8"));
    if (!offer) return this.reply(req, from, 400, "Bad Request");
    if (!offer.ps || offer.playback) return this.reply(req, from, 488, "Not Acceptable Here");
    if (!this.o.catalog().some((i) => i.kind === "camera" && i.id === channelId))
      return this.reply(req, from, 404, "Not Found");
    const toTag = this.o.ids();
    this.calls.set(callId, { req, from, toTag, channelId, offer, last: null, confirmed: false });
    return {
      out: [{ to: from, msg: response(req, from, 100, "Trying") }],
      events: [{ type: "invite", callId, channelId, offer }],
    };
  }

  private reply(
    req: SipRequest,
    from: Endpoint,
    status: number,
    reason: string,
    extra: [string, string][] = [],
  ): LowerStep {
    return {
      out: [{ to: from, msg: response(req, from, status, reason, extra, undefined, this.o.ids()) }],
      events: [],
    };
  }
}
