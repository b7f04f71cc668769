// The socket side of one GB media stream: RTP arrives on a UDP port, on a TCP connection the device opens
// to our port (TCP passive) or one we open to the device (TCP active, RFC 4571 framing for both), and is
// handed to the stream's RtpPsReceiver. Packets from any address other than the device's are dropped and
// counted (a foreign sender must not inject a picture); a second TCP connection is refused.
// Owns its socket(s); close() releases them, and is safe to call twice.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect, createServer, type Server, type Socket } from "node:net";
import { Rfc4571Deframer } from "../rtp/rfc4571";

export type MediaMode =
  | { transport: "udp"; port: number }
  | { transport: "tcp-passive"; port: number }
  | { transport: "tcp-active"; port: number; remoteHost: string; remotePort: number };

export interface MediaListenerOptions {
  bindHost: string;
  mode: MediaMode;
  /** Only packets from these addresses are accepted (the device's SIP source, its SDP address); null: any. */
  allowedAddresses: string[] | null;
  onPacket(packet: Buffer): void;
  /** The TCP connection ended (the device hung up). */
  onClosed?(reason: string): void;
}

export interface MediaListenerStats {
  foreignAddress: number;
  refusedConnections: number;
}

const plain = (a: string) => a.replace(/^::ffff:/, "");

export class MediaListener {
  private udp: UdpSocket | null = null;
  private server: Server | null = null;
  private conn: Socket | null = null;
  private closed = false;
  private allowed: Set<string> | null;
  readonly stats: MediaListenerStats = { foreignAddress: 0, refusedConnections: 0 };

  constructor(private readonly o: MediaListenerOptions) {
    this.allowed = o.allowedAddresses ? new Set(o.allowedAddresses.map(plain)) : null;
  }

  /** Widens the accepted senders (the SDP answer named the address media comes from). */
  allow(address: string): void {
    this.allowed?.add(plain(address));
  }

  async open(): Promise<void> {
    const m = this.o.mode;
    if (m.transport === "udp") {
      const udp = createSocket("udp4");
      this.udp = udp;
      udp.on("message", (b, r) => {
        if (this.allowed && !this.allowed.has(plain(r.address))) {
          this.stats.foreignAddress++;
          return;
        }
        this.o.onPacket(b);
      });
      udp.on("error", () => {});
      await new Promise<void>((resolve, reject) => {
        udp.once("error", reject);
        udp.bind(m.port, this.o.bindHost, () => resolve());
      });
      return;
    }
    if (m.transport === "tcp-passive") {
      const server = createServer((s) => this.accept(s));
      this.server = server;
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(m.port, this.o.bindHost, () => resolve());
      });
      return;
    }
    const sock = connect({ host: m.remoteHost, port: m.remotePort, localAddress: this.o.bindHost });
    await new Promise<void>((resolve, reject) => {
      sock.once("connect", () => resolve());
      sock.once("error", reject);
    });
    this.attach(sock);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.conn?.destroy();
    this.conn = null;
    const udp = this.udp;
    this.udp = null;
    if (udp) await new Promise<void>((r) => udp.close(() => r()));
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  private accept(s: Socket): void {
    if (this.conn || (this.allowed && !this.allowed.has(plain(s.remoteAddress ?? "")))) {
      this.stats.refusedConnections++;
      s.destroy();
      return;
    }
    this.attach(s);
  }

  private attach(s: Socket): void {
    this.conn = s;
    const deframer = new Rfc4571Deframer((p) => this.o.onPacket(p));
    s.on("data", (chunk: Buffer) => deframer.push(chunk));
    s.on("error", () => {});
    s.on("close", () => {
      if (this.conn === s) this.conn = null;
      if (!this.closed) this.o.onClosed?.("the device closed the media connection");
    });
  }
}
