// The lower platform's user agent at its edge: the pure agent (agent.ts) with a socket to the upper
// platform — UDP from our own port, or one TCP connection (re-dialled when it drops) —, a 250 ms tick and
// the clock, and the media seam (media.ts): an INVITE goes to the registered handler, whose port goes into
// our answer; with none the INVITE is refused 488. Owns the socket, the timer and the calls it started;
// stop() unregisters (waiting at most a second for the answer) and releases all of them.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect, type Socket } from "node:net";
import type { Endpoint } from "../core/types";
import { SipStreamFramer } from "../sip/framing";
import { parseSip, serializeSip } from "../sip/message";
import { LowerAgent, type LowerAgentOptions, type LowerEvent, type LowerStep } from "./agent";
import type { CatalogEvent, LowerItem, UplinkAlarm } from "./bodies";
import type { UplinkMediaHandler } from "./media";

export interface LowerUaOptions extends Omit<LowerAgentOptions, "ids" | "port" | "host"> {
  /** Address to bind and to write in Via/Contact (the upper must reach it). */
  host: string;
  /** Local SIP port (UDP); 0 = any. */
  port?: number;
  transport: "udp" | "tcp";
  now?: () => number;
  /** Our camera behind a channel id (for the media handler); default: the channel id itself. */
  cameraOf?(channelId: string): string | undefined;
}

export class LowerUa {
  readonly agent: LowerAgent;
  private udp: UdpSocket | null = null;
  private tcp: Socket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private handler: UplinkMediaHandler | null = null;
  private readonly listeners = new Set<(e: LowerEvent) => void>();
  private readonly now: () => number;
  private stopped = false;

  constructor(private readonly o: LowerUaOptions) {
    this.now = o.now ?? Date.now;
    let n = 0;
    const random = Math.random().toString(36).slice(2, 8);
    this.agent = new LowerAgent({ ...o, port: o.port ?? 0, ids: () => `${random}${(++n).toString(36)}` });
  }

  get registered(): boolean {
    return this.agent.registered;
  }

  /** The media sender for INVITEs (another module's; see media.ts). */
  setMediaHandler(h: UplinkMediaHandler | null): void {
    this.handler = h;
  }

  onEvent(l: (e: LowerEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async start(): Promise<void> {
    if (this.o.transport === "udp") {
      const udp = createSocket("udp4");
      this.udp = udp;
      udp.on("message", (b, r) => this.onBytes(b, { transport: "udp", address: r.address, port: r.port }));
      udp.on("error", () => {}); // ICMP unreachable: the upper is down; keepalives will notice
      await new Promise<void>((resolve, reject) => {
        udp.once("error", reject);
        udp.bind(this.o.port ?? 0, this.o.host, () => resolve());
      });
      this.agent.listeningOn(udp.address().port);
    } else this.dial();
    this.apply(this.agent.start(this.now()));
    this.timer = setInterval(() => {
      if (this.o.transport === "tcp" && (!this.tcp || this.tcp.destroyed)) this.dial();
      this.apply(this.agent.tick(this.now()));
    }, 250);
  }

  notifyCatalog(changes: { item: LowerItem; event: CatalogEvent }[]): void {
    this.apply(this.agent.notifyCatalog(changes, this.now()));
  }

  alarm(a: UplinkAlarm): void {
    this.apply(this.agent.alarm(a, this.now()));
  }

  /** Ends a call from our side (its stream ended). */
  hangUp(callId: string): void {
    this.handler?.stop(callId);
    this.apply(this.agent.hangUp(callId, this.now()));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const done = new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 1000);
      this.listeners.add((e) => {
        if (e.type === "unregistered") {
          clearTimeout(t);
          resolve();
        }
      });
    });
    const step = this.agent.stop(this.now());
    const unregistering = step.out.some((o) => o.msg.kind === "request" && o.msg.method === "REGISTER");
    this.apply(step);
    if (unregistering) await done;
    this.tcp?.destroy();
    this.tcp = null;
    const udp = this.udp;
    this.udp = null;
    if (udp) await new Promise<void>((r) => udp.close(() => r()));
  }

  private dial(): void {
    const { address, port } = this.o.upper.endpoint;
    const sock = connect({ host: address, port, localAddress: this.o.host });
    this.tcp = sock;
    const framer = new SipStreamFramer();
    sock.setNoDelay(true);
    sock.on("connect", () => this.agent.listeningOn(sock.localPort ?? 0));
    sock.on("data", (chunk: Buffer) => {
      for (const f of framer.push(chunk)) {
        if (f.kind === "error") {
          sock.destroy();
          return;
        }
        this.onBytes(f.bytes, { transport: "tcp", address, port });
      }
    });
    sock.on("error", () => {});
  }

  private onBytes(b: Buffer, from: Endpoint): void {
    if (this.stopped && !this.udp && !this.tcp) return;
    const r = parseSip(b);
    if (r.ok) this.apply(this.agent.receive(r.message, from, this.now()));
  }

  private apply(step: LowerStep): void {
    for (const out of step.out) {
      const bytes = serializeSip(out.msg);
      if (out.to.transport === "udp") this.udp?.send(bytes, out.to.port, out.to.address);
      else if (this.tcp && !this.tcp.destroyed) this.tcp.write(bytes);
    }
    for (const e of step.events) {
      if (e.type === "invite") this.invite(e);
      if (e.type === "bye") this.handler?.stop(e.callId);
      for (const l of this.listeners) l(e);
    }
  }

  private invite(e: Extract<LowerEvent, { type: "invite" }>): void {
    const h = this.handler;
    if (!h) {
      this.apply(this.agent.refuseInvite(e.callId, 488, "Not Acceptable Here"));
      return;
    }
    const cameraId = this.o.cameraOf?.(e.channelId) ?? e.channelId;
    h.start({
      callId: e.callId,
      channelId: e.channelId,
      cameraId,
      ssrc: e.offer.ssrc ?? "0000000000",
      remoteIp: e.offer.ip,
      remotePort: e.offer.port,
      transport: e.offer.transport,
      setup: e.offer.setup,
    }).then(
      (a) => this.apply(this.agent.answerInvite(e.callId, { ip: a.localIp, port: a.localPort })),
      () => this.apply(this.agent.refuseInvite(e.callId, 480, "Temporarily Unavailable")),
    );
  }
}
