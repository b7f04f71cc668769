// GB simulator: a GB/T 28181 device or lower platform (an NVR of a prison) that registers with the gateway
// over UDP or TCP with digest auth, keeps alive, answers catalogue queries with its GBK catalogue in
// several MESSAGEs, answers DeviceInfo, accepts a catalogue SUBSCRIBE, records PTZ commands, sends alarms,
// and on INVITE streams its clip as PS over RTP (UDP, TCP either way); as an NVR it answers RecordInfo with
// its recordings (two GBK MESSAGEs) and a Playback or Download INVITE (a=downloadspeed) with ffmpeg-muxed PS
// of the asked span, the time burned in, then MediaStatus 121 at its end (media/playback.ts, records.ts); in that dialog it takes
// MANSRTSP over INFO — PLAY with Scale (sends faster), Range (seeks), PAUSE. Its Contact and Via name a private
// address (it sits behind NAT) — the platform must answer the packet's source instead. Shares no code with
// the gateway. Owns its sockets, timers and media senders; close() releases all of them.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect, type Socket } from "node:net";
import { catalogPages, gbkXml, type SimChannel } from "./catalog";
import type { SimCodec, SimFrame } from "./media/encode";
import type { LiveFrames } from "./media/live";
import { PlaybackSender } from "./media/playback";
import type { Impairment } from "./media/rtp";
import { MediaSender } from "./media/sender";
import { parseLocal, recordPages, type SimSpan } from "./records";
import { answer, digest, get, readSip, type SimSip, splitStream, token, writeSip } from "./sip/text";

export interface SimDeviceOptions {
  server: { host: string; port: number; id: string; domain: string };
  deviceId: string;
  password: string;
  transport: "udp" | "tcp";
  channels: SimChannel[];
  media: { codec: SimCodec; frames: SimFrame[] | LiveFrames };
  keepaliveS?: number;
  expiresS?: number;
  pageSize?: number;
  /** What a SIP INVITE should get: normal play, a refusal, or silence. */
  inviteBehaviour?: "answer" | "busy" | "silent" | "no-media";
  /**
   * What the answer chooses from the offer: PS on 96 (default), raw H.264 on 98 (sent per RFC 6184), or
   * MPEG-4 on 97 (then nothing is sent: no platform we know plays it).
   */
  answerWith?: "ps" | "h264" | "mpeg4";
  impairment?: Impairment;
  /** What the NVR holds (unix ms), answered to RecordInfo and played on a Playback INVITE. */
  recordings?: SimSpan[];
  /** The bureau's zone, minutes east of UTC (device times are local). Default 480. */
  tzOffsetMin?: number;
  /**
   * Takes `s=Download` INVITEs (§9.9): the span sent at `a=downloadspeed:` times real time. Default true;
   * false answers them 488 Not Acceptable Here, as NVRs without download do.
   */
  download?: boolean;
}

/** A Playback INVITE the device answered: the asked span (unix seconds) and its dialog. */
export interface SimPlayback {
  callId: string;
  /** The INVITE's session name: a playback or a download. */
  kind: "Playback" | "Download";
  /** A download's `a=downloadspeed:` (1 for a playback). */
  speed: number;
  from: number;
  to: number;
  ended: boolean;
  /** MANSRTSP requests received in the dialog (INFO), as read: `{method, cseq, scale?, rangeFromS?}`. */
  controls: SimControl[];
}

export interface SimControl {
  method: string;
  cseq: number;
  scale?: number;
  rangeFromS?: number;
}

/** The speeds this NVR plays at (others are answered 457 Invalid Range, as devices do). */
const SIM_SCALES = [0.25, 0.5, 1, 2, 4, 8];

/** A MANSRTSP body (GB/T 28181-2016 Annex B), read the way a device reads it; null: not one. */
function readMansrtsp(text: string): SimControl | null {
  const lines = text.split(/\r?\n/);
  const m = /^(PLAY|PAUSE) MANSRTSP\/1\.0/i.exec(lines[0] ?? "");
  if (!m) return null;
  const field = (n: string) =>
    lines
      .find((l) => l.toLowerCase().startsWith(`${n}:`))
      ?.split(":")[1]
      ?.trim();
  const out: SimControl = { method: m[1]!.toUpperCase(), cseq: Number(field("cseq")) };
  if (field("scale") !== undefined) out.scale = Number(field("scale"));
  const range = /npt=(\d+(?:\.\d+)?)-/.exec(field("range") ?? "");
  if (range) out.rangeFromS = Number(range[1]);
  return out;
}

/** The private address the device believes it has (Contact/Via); the gateway sees 127.0.0.1. */
const PRIVATE = "192.168.1.64:5060";

export class SimDevice {
  private udp: UdpSocket | null = null;
  private tcp: Socket | null = null;
  private tcpRest = Buffer.alloc(0);
  private keepaliveTimer: NodeJS.Timeout | null = null;
  private cseq = 1;
  private readonly callId = `${token()}@192.168.1.64`;
  private readonly senders = new Map<string, { stop(): Promise<void> }>();
  readonly playbacks: SimPlayback[] = [];
  private waiters: { match: (m: SimSip) => boolean; resolve: (m: SimSip) => void }[] = [];
  readonly ptzCommands: string[] = [];
  /** Channels asked for a key frame (DeviceControl IFameCmd), in order. */
  readonly keyFrameRequests: string[] = [];
  /** Live streams by Call-ID with their channel, for IFameCmd. */
  private readonly liveChannels = new Map<string, { channel: string; sender: MediaSender }>();
  readonly received: SimSip[] = [];
  /** Distinct INVITEs (by Call-ID; UDP retransmissions of one are one). */
  readonly inviteCalls = new Set<string>();
  byes = 0;
  /** Takes `s=Download` INVITEs (the `download` option; a test may switch it). */
  acceptsDownload: boolean;

  constructor(private readonly o: SimDeviceOptions) {
    this.acceptsDownload = o.download ?? true;
  }

  get deviceId(): string {
    return this.o.deviceId;
  }

  async start(): Promise<void> {
    if (this.o.transport === "udp") {
      const udp = createSocket("udp4");
      this.udp = udp;
      udp.on("message", (b) => this.onBytes(b));
      await new Promise<void>((r) => udp.bind(0, "127.0.0.1", () => r()));
    } else {
      const sock = connect(this.o.server.port, this.o.server.host);
      this.tcp = sock;
      sock.on("data", (b: Buffer) => {
        const { messages, rest } = splitStream(Buffer.concat([this.tcpRest, b]));
        this.tcpRest = Buffer.from(rest);
        for (const m of messages) this.onBytes(m);
      });
      sock.on("error", () => {});
      await new Promise<void>((r, j) => {
        sock.once("connect", () => r());
        sock.once("error", j);
      });
    }
  }

  /** REGISTER, answer the challenge; resolves with the final status (200, or 403 for a wrong password). */
  async register(password = this.o.password, expires = this.o.expiresS ?? 3600): Promise<number> {
    const first = await this.request(this.registerMsg(expires));
    if (first.start.startsWith("SIP/2.0 200")) return 200;
    const challenge = get(first, "www-authenticate");
    const nonce = /nonce="([^"]+)"/.exec(challenge)?.[1];
    const realm = /realm="([^"]+)"/.exec(challenge)?.[1] ?? this.o.server.domain;
    if (!nonce) return Number(first.start.split(" ")[1]);
    const uri = `sip:${this.o.server.id}@${this.o.server.domain}`;
    const auth = `Digest username="${this.o.deviceId}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${digest(this.o.deviceId, realm, password, nonce, uri)}", algorithm=MD5`;
    const res = await this.request(this.registerMsg(expires, auth));
    return Number(res.start.split(" ")[1]);
  }

  startKeepalive(): void {
    const every = (this.o.keepaliveS ?? 60) * 1000;
    let sn = 1;
    // The first keepalive at once, then one per interval, as devices do after registering.
    const beat = () => {
      this.send(
        this.message(
          `<Notify>\r\n<CmdType>Keepalive</CmdType>\r\n<SN>${sn++}</SN>\r\n<DeviceID>${this.o.deviceId}</DeviceID>\r\n<Status>OK</Status>\r\n</Notify>`,
        ),
      );
    };
    beat();
    this.keepaliveTimer = setInterval(beat, every);
  }

  stopKeepalive(): void {
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = null;
  }

  /**
   * An Alarm notify (GB/T 28181-2016 A.2.6.8) from one of its channels. `time` is the device's local clock
   * ("2026-01-02T03:04:05", no offset, as devices write it); method 5 = video analysis (type 5 tripwire,
   * 6 intrusion), 2 = video (1 loss, 2 tamper), 6 = device fault.
   */
  async alarm(
    type: number,
    description: string,
    channelId: string,
    o: { method?: number; priority?: number; time?: string } = {},
  ): Promise<SimSip> {
    const xml = `<Notify>\r\n<CmdType>Alarm</CmdType>\r\n<SN>${this.cseq}</SN>\r\n<DeviceID>${channelId}</DeviceID>\r\n<AlarmPriority>${o.priority ?? 1}</AlarmPriority>\r\n<AlarmMethod>${o.method ?? 5}</AlarmMethod>\r\n<AlarmTime>${o.time ?? "2026-01-02T03:04:05"}</AlarmTime>\r\n<AlarmDescription>${description}</AlarmDescription>\r\n<Info>\r\n<AlarmType>${type}</AlarmType>\r\n</Info>\r\n</Notify>`;
    return this.request(this.message(xml));
  }

  /** Resolves with the next platform message that matches. */
  next(match: (m: SimSip) => boolean): Promise<SimSip> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  get streaming(): number {
    return this.senders.size;
  }

  async close(): Promise<void> {
    this.stopKeepalive();
    await Promise.all([...this.senders.values()].map((s) => s.stop()));
    this.senders.clear();
    this.tcp?.destroy();
    this.tcp = null;
    const udp = this.udp;
    this.udp = null;
    if (udp) await new Promise<void>((r) => udp.close(() => r()));
  }

  private registerMsg(expires: number, auth?: string): Buffer {
    const { id, domain } = this.o.server;
    return writeSip(`REGISTER sip:${id}@${domain} SIP/2.0`, [
      ["Via", `SIP/2.0/${this.o.transport.toUpperCase()} ${PRIVATE};rport;branch=z9hG4bK${token()}`],
      ["From", `<sip:${this.o.deviceId}@${domain}>;tag=${token()}`],
      ["To", `<sip:${this.o.deviceId}@${domain}>`],
      ["Call-ID", this.callId],
      ["CSeq", `${this.cseq++} REGISTER`],
      ["Contact", `<sip:${this.o.deviceId}@${PRIVATE}>`],
      ["Max-Forwards", "70"],
      ["User-Agent", "gb-sim NVR"],
      ["Expires", String(expires)],
      ...(auth ? ([["Authorization", auth]] as [string, string][]) : []),
    ]);
  }

  private message(xml: string, method = "MESSAGE", extra: [string, string][] = [], callId?: string): Buffer {
    const { id, domain } = this.o.server;
    return writeSip(
      `${method} sip:${id}@${domain} SIP/2.0`,
      [
        ["Via", `SIP/2.0/${this.o.transport.toUpperCase()} ${PRIVATE};rport;branch=z9hG4bK${token()}`],
        ["From", `<sip:${this.o.deviceId}@${domain}>;tag=${token()}`],
        ["To", `<sip:${id}@${domain}>`],
        ["Call-ID", callId ?? `${token()}@192.168.1.64`],
        ["CSeq", `${this.cseq++} ${method}`],
        ["Max-Forwards", "70"],
        ["Content-Type", "Application/MANSCDP+xml"],
        ...extra,
      ],
      gbkXml(xml),
    );
  }

  private async request(bytes: Buffer): Promise<SimSip> {
    const callId = readSip(bytes) ? get(readSip(bytes)!, "call-id") : "";
    const cseq = get(readSip(bytes)!, "cseq");
    const res = this.next(
      (m) => m.start.startsWith("SIP/2.0") && get(m, "call-id") === callId && get(m, "cseq") === cseq,
    );
    this.send(bytes);
    return res;
  }

  private send(bytes: Buffer): void {
    if (this.udp) this.udp.send(bytes, this.o.server.port, this.o.server.host);
    else this.tcp?.write(bytes);
  }

  private onBytes(b: Buffer): void {
    const m = readSip(b);
    if (!m) return;
    this.received.push(m);
    const w = this.waiters.find((x) => x.match(m));
    if (w) {
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve(m);
    }
    if (m.start.startsWith("SIP/2.0")) return;
    const method = m.start.split(" ")[0];
    if (method === "MESSAGE" || method === "SUBSCRIBE") this.onQuery(m, method);
    else if (method === "INVITE") void this.onInvite(m);
    else if (method === "BYE") void this.onBye(m);
    else if (method === "INFO") this.onInfo(m);
  }

  private onQuery(m: SimSip, method: string): void {
    const xml = m.body.toString("latin1");
    const cmd = /<CmdType>(\w+)<\/CmdType>/.exec(xml)?.[1];
    const sn = /<SN>(\d+)<\/SN>/.exec(xml)?.[1] ?? "0";
    this.send(answer(m, "200 OK", method === "SUBSCRIBE" ? [["Expires", get(m, "expires") || "3600"]] : []));
    if (method === "SUBSCRIBE") return;
    if (cmd === "Catalog") {
      // Pages one after another, as an NVR sends them; the platform answers each.
      for (const page of catalogPages(this.o.deviceId, sn, this.o.channels, this.o.pageSize ?? 4)) {
        this.send(this.rawMessage(page));
      }
    } else if (cmd === "DeviceInfo") {
      this.send(
        this.message(
          `<Response>\r\n<CmdType>DeviceInfo</CmdType>\r\n<SN>${sn}</SN>\r\n<DeviceID>${this.o.deviceId}</DeviceID>\r\n<DeviceName>模拟NVR</DeviceName>\r\n<Result>OK</Result>\r\n<Manufacturer>Hikvision</Manufacturer>\r\n<Model>DS-7816N</Model>\r\n<Firmware>V4.0</Firmware>\r\n<Channel>${this.o.channels.filter((c) => c.kind === "camera").length}</Channel>\r\n</Response>`,
        ),
      );
    } else if (cmd === "RecordInfo") {
      const tz = this.o.tzOffsetMin ?? 480;
      const text = m.body.toString("utf8");
      const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1] ?? "";
      const window = { from: parseLocal(tag("StartTime"), tz), to: parseLocal(tag("EndTime"), tz) };
      for (const page of recordPages(this.o.deviceId, tag("DeviceID"), sn, this.o.recordings ?? [], window, tz))
        this.send(this.rawMessage(page));
    } else if (cmd === "DeviceControl") {
      const ptz = /<PTZCmd>([0-9A-Fa-f]{16})<\/PTZCmd>/.exec(xml)?.[1];
      if (ptz) this.ptzCommands.push(ptz.toUpperCase());
      if (/<IFameCmd>Send<\/IFameCmd>/.test(xml)) {
        const channel = /<DeviceID>(\d+)<\/DeviceID>/.exec(xml)?.[1] ?? "";
        this.keyFrameRequests.push(channel);
        for (const l of this.liveChannels.values()) if (l.channel === channel) l.sender.keyFrame();
      }
    }
  }

  private rawMessage(body: Buffer): Buffer {
    const m = this.message("");
    const head = m
      .subarray(0, m.indexOf("\r\n\r\n"))
      .toString("utf8")
      .replace(/Content-Length: \d+/, `Content-Length: ${body.length}`);
    return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), body]);
  }

  private async onInvite(m: SimSip): Promise<void> {
    if (this.inviteCalls.has(get(m, "call-id"))) return; // a retransmission of one we are handling
    this.inviteCalls.add(get(m, "call-id"));
    const behaviour = this.o.inviteBehaviour ?? "answer";
    if (behaviour === "silent") return;
    if (behaviour === "busy") {
      this.send(answer(m, "486 Busy Here"));
      return;
    }
    const sdp = m.body.toString("utf8");
    if (/^s=(Playback|Download)/m.test(sdp)) {
      if (/^s=Download/m.test(sdp) && !this.acceptsDownload) {
        this.send(answer(m, "488 Not Acceptable Here"));
        return;
      }
      await this.onPlayback(m, sdp);
      return;
    }
    const ip = /c=IN IP4 (\S+)/.exec(sdp)?.[1] ?? "127.0.0.1";
    const port = Number(/m=video (\d+)/.exec(sdp)?.[1]);
    const tcp = /m=video \d+ TCP/.test(sdp);
    const setup = /a=setup:(\w+)/.exec(sdp)?.[1];
    const ssrc = /y=(\d+)/.exec(sdp)?.[1] ?? "0";
    const sender = new MediaSender(this.o.media.frames, this.o.media.codec);
    const callId = get(m, "call-id");
    this.senders.set(callId, sender);
    this.liveChannels.set(callId, { channel: /^INVITE sip:([^@;]+)@/.exec(m.start)?.[1] ?? "", sender });
    const mode = !tcp ? "udp" : setup === "active" ? "tcp-listen" : "tcp-connect";
    const answerWith = this.o.answerWith ?? "ps";
    const pt = { ps: 96, h264: 98, mpeg4: 97 }[answerWith];
    const start = async () => {
      if (behaviour === "no-media" || answerWith === "mpeg4") return;
      await sender.start({
        mode,
        host: ip,
        port: mode === "tcp-listen" ? 0 : port,
        ssrc: Number(ssrc),
        payload: answerWith === "h264" ? "h264" : "ps",
        ...(this.o.impairment ? { impairment: this.o.impairment } : {}),
      });
    };
    // A TCP-active platform connects to us: we must listen before answering with our port.
    if (mode === "tcp-listen") await start();
    const answerSdp = [
      "v=0",
      `o=${this.o.deviceId} 0 0 IN IP4 127.0.0.1`,
      "s=Play",
      "c=IN IP4 127.0.0.1",
      "t=0 0",
      `m=video ${mode === "tcp-listen" ? sender.listenPort : 15060} ${tcp ? "TCP/RTP/AVP" : "RTP/AVP"} ${pt}`,
      "a=sendonly",
      `a=rtpmap:${pt} ${{ ps: "PS", h264: "H264", mpeg4: "MPEG4" }[answerWith]}/90000`,
      ...(tcp ? [`a=setup:${setup === "active" ? "passive" : "active"}`, "a=connection:new"] : []),
      `y=${ssrc}`,
      "",
    ].join("\r\n");
    const ack = this.next((x) => x.start.startsWith("ACK") && get(x, "call-id") === callId);
    this.send(answer(m, "200 OK", [["Content-Type", "APPLICATION/SDP"]], Buffer.from(answerSdp)));
    await ack;
    if (mode !== "tcp-listen") await start();
  }

  /**
   * A Playback (or Download) INVITE: answer, then after the ACK send the span's PS — a download at its
   * `downloadspeed` from the start, with the recording's own timestamps; at its end, MediaStatus 121.
   */
  private async onPlayback(m: SimSip, sdp: string): Promise<void> {
    const ip = /c=IN IP4 (\S+)/.exec(sdp)?.[1] ?? "127.0.0.1";
    const port = Number(/m=video (\d+)/.exec(sdp)?.[1]);
    const tcp = /m=video \d+ TCP/.test(sdp);
    const ssrc = /y=(\d+)/.exec(sdp)?.[1] ?? "0";
    const [from, to] = (/^t=(\d+) (\d+)/m.exec(sdp) ?? []).slice(1).map(Number);
    const callId = get(m, "call-id");
    const kind = /^s=Download/m.test(sdp) ? "Download" : "Playback";
    const speed = kind === "Download" ? Number(/^a=downloadspeed:(\d+)/m.exec(sdp)?.[1] ?? 1) : 1;
    const playback: SimPlayback = { callId, kind, speed, from: from ?? 0, to: to ?? 0, ended: false, controls: [] };
    this.playbacks.push(playback);
    const sender = new PlaybackSender(() => {
      playback.ended = true;
      const xml = `<Notify>\r\n<CmdType>MediaStatus</CmdType>\r\n<SN>${this.cseq}</SN>\r\n<DeviceID>${this.o.deviceId}</DeviceID>\r\n<NotifyType>121</NotifyType>\r\n</Notify>`;
      this.send(this.message(xml, "MESSAGE", [], callId));
    });
    this.senders.set(callId, sender);
    if (SIM_SCALES.includes(speed) && speed !== 1) sender.play({ scale: speed });
    const answerSdp = [
      "v=0",
      `o=${this.o.deviceId} 0 0 IN IP4 127.0.0.1`,
      `s=${kind}`,
      "c=IN IP4 127.0.0.1",
      `t=${from} ${to}`,
      `m=video 15060 ${tcp ? "TCP/RTP/AVP" : "RTP/AVP"} 96`,
      "a=sendonly",
      "a=rtpmap:96 PS/90000",
      ...(kind === "Download" ? [`a=downloadspeed:${speed}`] : []),
      ...(tcp ? ["a=setup:active", "a=connection:new"] : []),
      `y=${ssrc}`,
      "",
    ].join("\r\n");
    const ack = this.next((x) => x.start.startsWith("ACK") && get(x, "call-id") === callId);
    this.send(answer(m, "200 OK", [["Content-Type", "APPLICATION/SDP"]], Buffer.from(answerSdp)));
    await ack;
    if (!this.senders.has(callId)) return; // hung up before the ACK
    await sender.start({
      mode: tcp ? "tcp-connect" : "udp",
      host: ip,
      port,
      ssrc: Number(ssrc),
      from: from ?? 0,
      to: to ?? 0,
      tzOffsetMin: this.o.tzOffsetMin ?? 480,
    });
  }

  /** Playback control in a playback dialog: speed (Scale), seek (Range: npt=), pause. */
  private onInfo(m: SimSip): void {
    const callId = get(m, "call-id");
    const playback = this.playbacks.find((p) => p.callId === callId);
    const sender = this.senders.get(callId);
    const c = readMansrtsp(m.body.toString("utf8"));
    if (!playback || !(sender instanceof PlaybackSender)) {
      this.send(answer(m, "481 Call/Transaction Does Not Exist"));
      return;
    }
    if (!c || !/mansrtsp/i.test(get(m, "content-type"))) {
      this.send(answer(m, "400 Bad Request"));
      return;
    }
    playback.controls.push(c);
    if (c.scale !== undefined && !SIM_SCALES.includes(c.scale)) {
      this.send(answer(m, "457 Invalid Range"));
      return;
    }
    if (c.method === "PAUSE") sender.pause();
    else
      sender.play({
        ...(c.scale !== undefined ? { scale: c.scale } : {}),
        ...(c.rangeFromS !== undefined ? { rangeFromS: c.rangeFromS } : {}),
      });
    this.send(answer(m, "200 OK"));
  }

  private async onBye(m: SimSip): Promise<void> {
    this.byes++;
    this.send(answer(m, "200 OK"));
    const sender = this.senders.get(get(m, "call-id"));
    this.senders.delete(get(m, "call-id"));
    this.liveChannels.delete(get(m, "call-id"));
    await sender?.stop();
  }
}
