// The upper platform's protocol core: messages in → decisions out. It answers REGISTER (registrar),
// MESSAGE (keepalive, catalogue pages, device info/status, alarms), NOTIFY (catalogue subscription) and
// BYE; sends queries, the catalogue subscription, PTZ control and INVITE/BYE; and ticks presence, the
// catalogue collector and its client transactions. It holds no socket, timer or clock: the edge
// (`edge/server.ts`) feeds it packets with their source and `now`, sends what it returns and hands the
// events to the gateway. Never throws on input: a message it cannot use is answered 4xx or dropped.
import { alarmResponseBody, keyFrameControlBody, ptzControlBody, type QueryCmd, queryBody } from "../manscdp/build";
import { parseManscdp } from "../manscdp/messages";
import type { PtzAction } from "../manscdp/ptz";
import { ptzCmd } from "../manscdp/ptz";
import { type RecordQuery, recordInfoQueryBody } from "../manscdp/recordInfo";
import type { PlaybackControl } from "../mansrtsp/control";
import { parseNameAddr } from "../sip/headers";
import { header, type SipMessage, type SipRequest } from "../sip/message";
import { CatalogCollector } from "./catalog";
import { branchOf, type IdSource, type Local, MANSCDP, request, response } from "./outgoing";
import { PresenceTable } from "./presence";
import { RecordCollector } from "./records";
import { Registrar, type RegistrarOptions } from "./registrar";
import { type PlayRequest, Sessions } from "./sessions";
import { type OutRequest, Transactions } from "./transactions";
import { type Endpoint, emptyStep, type Step } from "./types";

export interface PlatformOptions extends Local, Omit<RegistrarOptions, "realm"> {
  keepaliveMs: number;
  /** Expected keepalive interval of lower platforms (type 200); default keepaliveMs. */
  platformKeepaliveMs?: number;
  /** How long a query or control MESSAGE waits for its 200. */
  requestTimeoutMs?: number;
  /** How long an INVITE waits for a final answer. */
  inviteTimeoutMs?: number;
  id: IdSource;
}

type Tag =
  | { kind: "message"; deviceId: string; what: string; sn: number }
  | { kind: "invite"; sessionId: string }
  | { kind: "control"; sessionId: string };

export class Platform {
  readonly presence: PresenceTable;
  private readonly registrar: Registrar;
  private readonly catalog = new CatalogCollector();
  private readonly sessions: Sessions;
  private readonly records: RecordCollector;
  private readonly tx = new Transactions<Tag>();
  private sn = 1;

  constructor(private readonly opts: PlatformOptions) {
    this.presence = new PresenceTable(opts.keepaliveMs, opts.platformKeepaliveMs);
    this.registrar = new Registrar({ ...opts, realm: opts.domain }, opts.id);
    this.sessions = new Sessions(opts, opts.id);
    this.records = new RecordCollector(opts.utcOffsetMinutes);
  }

  /** The port we listen on, once bound (our Via and Contact name it; tests bind port 0). */
  listeningOn(port: number): void {
    this.opts.port = port;
  }

  receive(msg: SipMessage, from: Endpoint, now: number): Step {
    if (msg.kind === "response") return this.onResponse(msg, now);
    switch (msg.method) {
      case "REGISTER":
        return this.onRegister(msg, from, now);
      case "MESSAGE":
      case "NOTIFY":
        return this.onMessage(msg, from, now);
      case "BYE": {
        const sessionId = this.sessions.byeFromDevice(msg);
        const step = this.reply(msg, from, sessionId ? 200 : 481, sessionId ? "OK" : "Call/Transaction Does Not Exist");
        if (sessionId)
          step.events.push({ type: "sessionEnded", sessionId, reason: "the device ended the stream (BYE)" });
        return step;
      }
      case "ACK":
        return emptyStep();
      case "OPTIONS":
        return this.reply(msg, from, 200, "OK");
      default:
        return this.reply(msg, from, 405, "Method Not Allowed");
    }
  }

  tick(now: number): Step {
    this.registrar.sweep(now);
    const step: Step = {
      out: [],
      events: [...this.presence.tick(now), ...this.catalog.tick(now), ...this.records.tick(now)],
    };
    const { resend, timedOut } = this.tx.tick(now);
    step.out.push(...resend);
    for (const t of timedOut) this.settled(step, t.tag, null);
    return step;
  }

  query(deviceId: string, cmd: QueryCmd, now: number): Step {
    return this.send(deviceId, `query ${cmd}`, now, (sn) => ({
      method: "MESSAGE",
      body: queryBody(cmd, sn, deviceId),
    }));
  }

  /** Catalogue subscription (GB/T 28181-2016 §9.11): the device NOTIFYs additions, removals and status. */
  subscribeCatalog(deviceId: string, expiresS: number, now: number): Step {
    return this.send(deviceId, "subscribe Catalog", now, (sn) => ({
      method: "SUBSCRIBE",
      body: queryBody("Catalog", sn, deviceId),
      extra: [
        ["event", `Catalog;id=${sn}`],
        ["expires", String(expiresS)],
      ],
    }));
  }

  /**
   * Asks a channel's recordings over a window (RecordInfo, times in the device's zone: the bureau's). The
   * answer comes as one `records` event with this SN; a refused or unanswered query as `requestFailed`
   * with the SN. `sn` is null when nothing was sent (the device is offline: `requestFailed` already).
   */
  recordInfo(deviceId: string, q: Omit<RecordQuery, "offsetMin">, now: number): { step: Step; sn: number | null } {
    let sent: number | null = null;
    const step = this.send(deviceId, "query RecordInfo", now, (sn) => {
      sent = sn;
      return { method: "MESSAGE", body: recordInfoQueryBody(sn, { ...q, offsetMin: this.opts.utcOffsetMinutes }) };
    });
    if (sent !== null) this.records.start(deviceId, sent, q.channelId, now);
    return { step, sn: sent };
  }

  ptz(
    deviceId: string,
    channelId: string,
    action: PtzAction,
    speed: number | undefined,
    preset: number | undefined,
    now: number,
  ): Step {
    return this.send(deviceId, `ptz ${action}`, now, (sn) => ({
      method: "MESSAGE",
      body: ptzControlBody(sn, channelId, ptzCmd(action, speed, preset)),
    }));
  }

  /** DeviceControl IFameCmd: the channel's encoder sends a key frame now (a player waits for one). */
  keyFrame(deviceId: string, channelId: string, now: number): Step {
    return this.send(deviceId, "key frame", now, (sn) => ({
      method: "MESSAGE",
      body: keyFrameControlBody(sn, channelId),
    }));
  }

  invite(play: PlayRequest, now: number): Step {
    const step = emptyStep();
    const p = this.presence.get(play.deviceId);
    if (!p?.online) {
      step.events.push({
        type: "inviteFailed",
        sessionId: play.sessionId,
        reason: "the device is offline",
        status: null,
      });
      return step;
    }
    const { out, branch } = this.sessions.invite(play, p.remote);
    this.tx.start(branch, out, { kind: "invite", sessionId: play.sessionId }, now, this.opts.inviteTimeoutMs ?? 5000);
    step.out.push(out);
    return step;
  }

  bye(sessionId: string): Step {
    return { out: this.sessions.bye(sessionId), events: [] };
  }

  /** Speed, pause or seek of a playback (INFO, MANSRTSP); settled by a `controlled` event. */
  control(sessionId: string, c: PlaybackControl, now: number): Step {
    const sent = this.sessions.control(sessionId, c);
    if (!sent) {
      const reason = "no playback dialog with the device (not answered yet, or ended)";
      return { out: [], events: [{ type: "controlled", sessionId, ok: false, reason }] };
    }
    this.tx.start(sent.branch, sent.out, { kind: "control", sessionId }, now, this.opts.requestTimeoutMs ?? 5000);
    return { out: [sent.out], events: [] };
  }

  private send(
    deviceId: string,
    what: string,
    now: number,
    make: (sn: number) => { method: string; body: Buffer; extra?: [string, string][] },
  ): Step {
    const step = emptyStep();
    const p = this.presence.get(deviceId);
    if (!p?.online) {
      step.events.push({ type: "requestFailed", deviceId, what, reason: "the device is offline" });
      return step;
    }
    const sn = this.sn++;
    const m = make(sn);
    const branch = `z9hG4bK${this.opts.id()}`;
    const out: OutRequest = {
      to: p.remote,
      msg: request(this.opts, {
        method: m.method,
        target: deviceId,
        to: p.remote,
        callId: `${this.opts.id()}@${this.opts.host}`,
        fromTag: this.opts.id(),
        cseq: sn,
        branch,
        body: { type: MANSCDP, bytes: m.body },
        ...(m.extra ? { extra: m.extra } : {}),
      }),
    };
    this.tx.start(branch, out, { kind: "message", deviceId, what, sn }, now, this.opts.requestTimeoutMs ?? 8000);
    step.out.push(out);
    return step;
  }

  private onRegister(req: SipRequest, from: Endpoint, now: number): Step {
    const step = this.registrar.register(req, from, now);
    for (const e of [...step.events]) {
      if (e.type === "registered")
        step.events.push(...this.presence.registered(e.deviceId, e.kind, e.remote, e.expiresAt, now));
      if (e.type === "unregistered") step.events.push(...this.presence.unregistered(e.deviceId, e.reason));
    }
    return step;
  }

  private onMessage(req: SipRequest, from: Endpoint, now: number): Step {
    const deviceId = parseNameAddr(header(req, "from") ?? "")?.uri.user ?? "";
    const p = this.presence.get(deviceId);
    if (!p) {
      // Not registered (e.g. after our restart): a refusal makes real devices register again.
      const step = this.reply(req, from, 404, "Not Found");
      step.events.push({ type: "rejected", from, reason: `${req.method} from unregistered ${deviceId || "device"}` });
      return step;
    }
    const parsed = parseManscdp(req.body);
    if (!parsed.ok) {
      const step = this.reply(req, from, 400, "Bad Request");
      step.events.push({ type: "rejected", from, reason: `${req.method} from ${deviceId}: ${parsed.message}` });
      return step;
    }
    const m = parsed.value;
    const step = this.reply(req, from, 200, "OK");
    step.events.push(...this.presence.seen(deviceId, from, now, m.kind === "keepalive"));
    switch (m.kind) {
      case "catalog":
        if (req.method === "NOTIFY") step.events.push({ type: "catalogNotify", deviceId, items: m.msg.DeviceList });
        else step.events.push(...this.catalog.page(deviceId, m.msg, now));
        break;
      case "deviceInfo":
        step.events.push({ type: "deviceInfo", deviceId, info: m.msg });
        break;
      case "alarm": {
        const num = (s: string | undefined) => (s !== undefined && /^\d{1,3}$/.test(s) ? Number(s) : null);
        step.events.push({
          type: "alarm",
          alarm: {
            deviceId: m.msg.DeviceID,
            priority: num(m.msg.AlarmPriority),
            method: num(m.msg.AlarmMethod),
            alarmType: num(m.msg.Info?.AlarmType),
            time: m.msg.AlarmTime ?? null,
            description: m.msg.AlarmDescription ?? null,
          },
        });
        step.out.push(
          ...this.send(deviceId, "alarm response", now, (sn) => ({
            method: "MESSAGE",
            body: alarmResponseBody(sn, m.msg.DeviceID),
          })).out,
        );
        break;
      }
      case "recordInfo":
        step.events.push(...this.records.page(deviceId, m.msg, now));
        break;
      case "mediaStatus":
        step.events.push({
          type: "mediaStatus",
          deviceId,
          sessionId: this.sessions.sessionOf(header(req, "call-id") ?? ""),
          notifyType: m.msg.NotifyType ?? null,
        });
        break;
      default:
        break;
    }
    return step;
  }

  private onResponse(res: SipMessage & { kind: "response" }, now: number): Step {
    const step = emptyStep();
    const branch = branchOf(res);
    if (!branch) return step;
    const settled = this.tx.respond(branch, res);
    if (settled === null || settled === "provisional") return step;
    void now;
    this.settled(step, settled.tag, res);
    return step;
  }

  private settled(step: Step, tag: Tag, res: (SipMessage & { kind: "response" }) | null): void {
    if (tag.kind === "invite") {
      const r = this.sessions.answered(tag.sessionId, res);
      step.out.push(...r.out);
      step.events.push(...r.events);
      return;
    }
    if (tag.kind === "control") {
      const ok = res !== null && res.status < 300;
      const reason = ok ? null : res ? `the device refused: ${res.status} ${res.reason}`.trim() : "no answer";
      step.events.push({ type: "controlled", sessionId: tag.sessionId, ok, reason });
      return;
    }
    if (!res || res.status >= 300) {
      const reason = res ? `${res.status} ${res.reason}` : "no answer";
      const records = tag.what === "query RecordInfo";
      if (records) this.records.drop(tag.deviceId, tag.sn);
      step.events.push({
        type: "requestFailed",
        deviceId: tag.deviceId,
        what: tag.what,
        reason,
        ...(records ? { sn: tag.sn } : {}),
      });
    }
  }

  private reply(req: SipRequest, from: Endpoint, status: number, reason: string): Step {
    return { out: [{ to: from, msg: response(req, from, status, reason, [], undefined, this.opts.id()) }], events: [] };
  }
}
