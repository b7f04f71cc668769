// SIP over UDP and TCP on one port (RFC 3261 §18): one UDP socket and one TCP listener. Each packet or
// framed message is handed up with where it really came from; replies go back the same way — over the
// device's own TCP connection when it registered over TCP (devices behind NAT cannot be dialled). Parse
// errors are counted, never thrown; a TCP peer whose framing breaks is disconnected.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import type { Endpoint, Outgoing } from "../core/types";
import { SipStreamFramer } from "../sip/framing";
import { parseSip, type SipMessage, serializeSip } from "../sip/message";

export interface TransportOptions {
  host: string;
  port: number;
  onMessage(msg: SipMessage, from: Endpoint): void;
  onProblem?(what: string, from: Endpoint): void;
  /** Most TCP connections at once (devices keep one each). */
  maxConnections?: number;
}

export interface TransportStats {
  received: number;
  sent: number;
  malformed: number;
  tcpConnections: number;
}

const key = (address: string, port: number) => `${address}:${port}`;

export class SipTransport {
  private udp: UdpSocket | null = null;
  private server: Server | null = null;
  private readonly conns = new Map<string, Socket>();
  readonly stats: TransportStats = { received: 0, sent: 0, malformed: 0, tcpConnections: 0 };

  constructor(private readonly o: TransportOptions) {}

  get port(): number {
    const a = this.server?.address();
    return a && typeof a === "object" ? (a as AddressInfo).port : this.o.port;
  }

  async start(): Promise<void> {
    const server = createServer((s) => this.onConnection(s));
    server.maxConnections = this.o.maxConnections ?? 5000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.o.port, this.o.host, () => resolve());
    });
    const udp = createSocket({ type: "udp4", reuseAddr: false });
    this.udp = udp;
    udp.on("message", (b, r) => this.onBytes(b, { transport: "udp", address: r.address, port: r.port }));
    udp.on("error", () => {}); // ICMP unreachable on send: the device is gone; presence will notice
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(this.port, this.o.host, () => resolve());
    });
  }

  send(out: Outgoing): void {
    const bytes = serializeSip(out.msg);
    if (out.to.transport === "udp") {
      this.udp?.send(bytes, out.to.port, out.to.address);
      this.stats.sent++;
      return;
    }
    const sock = this.conns.get(key(out.to.address, out.to.port));
    if (!sock || sock.destroyed) {
      this.o.onProblem?.("no TCP connection to send on", out.to);
      return;
    }
    sock.write(bytes);
    this.stats.sent++;
  }

  async close(): Promise<void> {
    for (const s of this.conns.values()) s.destroy();
    this.conns.clear();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
    const udp = this.udp;
    this.udp = null;
    if (udp) await new Promise<void>((r) => udp.close(() => r()));
  }

  private onConnection(s: Socket): void {
    const from: Endpoint = { transport: "tcp", address: s.remoteAddress ?? "", port: s.remotePort ?? 0 };
    const k = key(from.address, from.port);
    this.conns.set(k, s);
    this.stats.tcpConnections++;
    const framer = new SipStreamFramer();
    s.setNoDelay(true);
    // A platform sends a big catalogue as hundreds of messages back to back; one 'data' event can hold
    // dozens. They are handled in slices of at most ~2 ms, the socket paused meanwhile, so the event loop
    // (and every other device's keepalive, every HLS request) never waits long behind one platform.
    const queue: Buffer[] = [];
    let draining = false;
    const drain = () => {
      const until = performance.now() + 2;
      while (queue.length > 0 && performance.now() < until) this.onBytes(queue.shift()!, from);
      if (queue.length > 0) {
        setImmediate(drain);
        return;
      }
      draining = false;
      if (!s.destroyed) s.resume();
    };
    s.on("data", (chunk: Buffer) => {
      for (const f of framer.push(chunk)) {
        if (f.kind === "error") {
          this.stats.malformed++;
          this.o.onProblem?.(f.message, from);
          s.destroy();
          return;
        }
        queue.push(f.bytes);
      }
      if (!draining && queue.length > 0) {
        draining = true;
        s.pause();
        drain();
      }
    });
    s.on("error", () => {});
    s.on("close", () => {
      this.conns.delete(k);
      this.stats.tcpConnections--;
    });
  }

  private onBytes(b: Buffer, from: Endpoint): void {
    if (b.length <= 4 && b.toString("latin1").trim() === "") return; // CRLF keep-alive
    const r = parseSip(b);
    if (!r.ok) {
      this.stats.malformed++;
      this.o.onProblem?.(r.error.message, from);
      return;
    }
    this.stats.received++;
    this.o.onMessage(r.message, from);
  }
}
