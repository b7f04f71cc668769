// The socket under one uplink media session: RTP to the upper platform over UDP, or over TCP with RFC 4571
// framing — connecting to the upper when its offer says it listens (`tcp-passive`), listening for it when
// its offer says it connects (`tcp-active`; only its SDP address may connect, once). A TCP peer that reads
// too slowly gets frames dropped rather than an unbounded queue (`send` says false: the sender waits for
// the next key frame). Owns its socket(s); close() releases them and is safe to call twice.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect, createServer, type Server, type Socket } from "node:net";
import type { UplinkMediaRequest } from "@cw/gb28181";
import { framed } from "@cw/streams";

export interface MediaOutOptions {
  transport: UplinkMediaRequest["transport"];
  bindHost: string;
  /** Local port (from GB_MEDIA_PORTS), or 0 for any. */
  port: number;
  remoteIp: string;
  remotePort: number;
  /** TCP: how long to wait for the connection to the upper. */
  connectTimeoutMs: number;
  /** The TCP connection ended (the upper hung up). */
  onClosed(reason: string): void;
}

export interface MediaOut {
  readonly localPort: number;
  /** One frame's packets; false when they were not sent (no TCP peer yet, or it fell behind). */
  send(packets: Buffer[]): boolean;
  close(): Promise<void>;
}

/** Bytes queued on a TCP connection beyond which frames are dropped (~2 s at 8 Mbit/s). */
const MAX_BACKLOG = 2 * 1024 * 1024;

const plain = (a: string | undefined) => (a ?? "").replace(/^::ffff:/, "");

export async function openMediaOut(o: MediaOutOptions): Promise<MediaOut> {
  if (o.transport === "udp") return openUdp(o);
  if (o.transport === "tcp-passive") return connectTcp(o);
  return listenTcp(o);
}

async function openUdp(o: MediaOutOptions): Promise<MediaOut> {
  const udp: UdpSocket = createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    udp.once("error", reject);
    udp.bind(o.port, o.bindHost, () => {
      udp.off("error", reject);
      resolve();
    });
  });
  udp.on("error", () => {}); // ICMP unreachable while the upper is not listening yet: keep sending
  let closed = false;
  return {
    localPort: udp.address().port,
    send(packets) {
      if (closed) return false;
      for (const p of packets) udp.send(p, o.remotePort, o.remoteIp);
      return true;
    },
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((r) => udp.close(() => r()));
    },
  };
}

function tcpOut(localPort: number, conn: () => Socket | null, stop: () => Promise<void>): MediaOut {
  return {
    localPort,
    send(packets) {
      const s = conn();
      if (!s || s.destroyed || s.writableLength > MAX_BACKLOG) return false;
      s.write(framed(packets));
      return true;
    },
    close: stop,
  };
}

function watch(s: Socket, o: MediaOutOptions, closing: () => boolean): void {
  s.setNoDelay(true);
  s.on("error", () => {});
  s.on("close", () => {
    if (!closing()) o.onClosed("the upper platform closed the media connection");
  });
}

async function connectTcp(o: MediaOutOptions): Promise<MediaOut> {
  const s = connect({ host: o.remoteIp, port: o.remotePort, localAddress: o.bindHost, localPort: o.port || undefined });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out")), o.connectTimeoutMs);
      s.once("connect", () => {
        clearTimeout(timer);
        resolve();
      });
      s.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  } catch (e) {
    s.destroy();
    throw new Error(`could not connect to the upper platform's media port ${o.remoteIp}:${o.remotePort}: ${String(e)}`);
  }
  let closing = false;
  watch(s, o, () => closing);
  return tcpOut(
    s.localPort ?? 0,
    () => s,
    async () => {
      closing = true;
      s.destroy();
    },
  );
}

async function listenTcp(o: MediaOutOptions): Promise<MediaOut> {
  let conn: Socket | null = null;
  let closing = false;
  const server: Server = createServer((s) => {
    if (conn || plain(s.remoteAddress) !== plain(o.remoteIp)) {
      s.destroy();
      return;
    }
    conn = s;
    watch(s, o, () => closing);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.bindHost, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const localPort = typeof address === "object" && address ? address.port : o.port;
  return tcpOut(
    localPort,
    () => conn,
    async () => {
      if (closing) return;
      closing = true;
      conn?.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  );
}
