// RTMP ingest: node-media-server v4 embedded for camera push, one publish key per camera.
// Owns: the TCP listener (ours, not NMS's, so port 0 works and bad peers are cut early), the NMS
// instance (RTMP only: no HTTP, no recording, no relay), publish authorization and the in-process
// subscribers. Never transcodes, never writes media to disk, never lets a refused publisher in.
//
// Auth uses NMS's own signed-URL check (auth.publish): on its prePublish event we either mint a valid
// sign for the session (authorized) or blank it (refused), so NMS itself refuses before the session
// can take the publisher slot. auth.play is on too with a secret nobody has: external RTMP players
// are refused, only in-process subscribers (empty ip) may play.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import type { MediaSink } from "../media/types";
import { type Logger, silentLogger } from "./logger";
import {
  type NmsServer,
  type NmsSession,
  newBroadcast,
  newMediaServer,
  newRtmpSession,
  nmsContext,
  routeNmsLogs,
} from "./nms-bridge";
import { RtmpSubscriber } from "./rtmp-subscriber";

export interface RtmpIngestOptions {
  port: number;
  host: string;
  dataDir: string;
  /** key is the ?key= of the publish URL (rtmp://host/live/<streamName>?key=<key>). */
  authorize(streamName: string, key: string | undefined): boolean;
  log?: Logger;
  /** A connection that has not published or played by then is cut (garbage, port scans). Default 10 s. */
  handshakeTimeoutMs?: number;
}

const APP = "live";
const RTMP_VERSION = 3; // C0 of a plain RTMP handshake

/** NMS keeps its state in a module singleton: one running ingest per process. */
let running: RtmpIngest | null = null;

export class RtmpIngest {
  private server: Server | null = null;
  private nms: NmsServer | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly subscribers = new Map<string, Set<RtmpSubscriber>>();
  private readonly publishListeners = new Set<(streamName: string, publishing: boolean) => void>();
  private readonly secret = randomBytes(24).toString("hex");
  private readonly log: Logger;

  constructor(private readonly opts: RtmpIngestOptions) {
    this.log = opts.log ?? silentLogger;
  }

  get port(): number {
    const addr = this.server?.address();
    return addr && typeof addr === "object" ? (addr as AddressInfo).port : this.opts.port;
  }

  async start(): Promise<void> {
    if (running) throw new Error("an RtmpIngest is already running in this process: close it first");
    running = this;
    try {
      await this.open();
    } catch (err) {
      await this.close(); // e.g. the port is taken: leave nothing half-started
      throw err;
    }
    this.log.info({ port: this.port, host: this.opts.host }, "RTMP ingest listening");
  }

  private async open(): Promise<void> {
    routeNmsLogs(this.log);
    mkdirSync(this.opts.dataDir, { recursive: true });
    this.nms = newMediaServer({
      bind: this.opts.host,
      store: { path: join(this.opts.dataDir, "nms-store") },
      webadmin: { enable: false },
      auth: { publish: true, play: true, secret: this.secret },
    });
    await this.nms.run();
    const events = nmsContext().eventEmitter;
    events.on("prePublish", this.onPrePublish);
    events.on("postPublish", this.onPostPublish);
    const server = createServer(this.onConnection);
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.opts.port, this.opts.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    if (running !== this) return;
    const ctx = nmsContext();
    ctx.eventEmitter.off("prePublish", this.onPrePublish);
    ctx.eventEmitter.off("postPublish", this.onPostPublish);
    for (const subs of this.subscribers.values()) for (const s of subs) s.broadcast.donePlay(s);
    this.subscribers.clear();
    const server = this.server;
    const closed = new Promise<void>((resolve) => {
      if (server) server.close(() => resolve());
      else resolve();
    });
    await Promise.all(
      [...this.sockets].map(
        (s) =>
          new Promise<void>((resolve) => {
            s.once("close", () => resolve());
            s.destroy();
          }),
      ),
    );
    await closed;
    // Publishers that just dropped left NMS grace timers; end those publishes and forget every path.
    for (const b of ctx.broadcasts.values()) b._finishPublish();
    ctx.broadcasts.clear();
    ctx.sessions.clear();
    await this.nms?.stop();
    this.nms = null;
    this.server = null;
    running = null;
  }

  isPublishing(streamName: string): boolean {
    return nmsContext().broadcasts.get(pathOf(streamName))?.getPublishStatus() === "publishing";
  }

  subscribe(streamName: string, sink: MediaSink): () => void {
    const ctx = nmsContext();
    const path = pathOf(streamName);
    let broadcast = ctx.broadcasts.get(path);
    if (!broadcast) {
      // Nobody publishes yet: register the path so the publisher, when it comes, finds us waiting.
      broadcast = newBroadcast(path);
      ctx.broadcasts.set(path, broadcast);
    }
    const sub = new RtmpSubscriber(streamName, broadcast, sink, this.log);
    const set = this.subscribers.get(streamName) ?? new Set<RtmpSubscriber>();
    this.subscribers.set(streamName, set);
    set.add(sub);
    broadcast.postPlay(sub); // replays header, metadata, codec config and the GOP cache
    if (broadcast.getPublishStatus() === "reconnecting") sub.publisherLeft("rtmp publisher disconnected");
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      this.subscribers.get(streamName)?.delete(sub);
      if (this.subscribers.get(streamName)?.size === 0) this.subscribers.delete(streamName);
      sub.broadcast.donePlay(sub);
    };
  }

  onPublish(listener: (streamName: string, publishing: boolean) => void): () => void {
    this.publishListeners.add(listener);
    return () => this.publishListeners.delete(listener);
  }

  private readonly onConnection = (socket: Socket): void => {
    if (running !== this) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.once("close", () => this.sockets.delete(socket));
    const session = newRtmpSession(socket);
    const parse = session.onData;
    let first = true;
    session.onData = (data: Buffer) => {
      if (first) {
        first = false;
        if (data[0] !== RTMP_VERSION) {
          this.log.warn({ ip: session.ip }, "RTMP connection closed: not an RTMP handshake");
          socket.destroy();
          return;
        }
      }
      try {
        parse(data);
      } catch (err) {
        // NMS's parsers can throw on malformed AMF/URLs; one bad peer must not crash the gateway.
        this.log.warn({ ip: session.ip, err: String(err) }, "RTMP connection closed: protocol error");
        socket.destroy();
      }
    };
    // NMS forwards every parsed packet to the path's broadcast, even from a session whose publish it
    // just refused (it only half-closes the socket): only the accepted publisher may feed viewers.
    const forward = session.onPacket;
    session.onPacket = (packet: unknown) => {
      if (session.isPublisher) forward(packet);
    };
    session.run();
    nmsContext().sessions.set(session.id, session);
    const deadline = setTimeout(() => {
      if (session.streamPath === "") {
        this.log.warn({ ip: session.ip }, "RTMP connection closed: no publish/play before the deadline");
        socket.destroy();
      }
    }, this.opts.handshakeTimeoutMs ?? 10_000);
    deadline.unref();
    socket.once("close", () => clearTimeout(deadline));
  };

  private readonly onPrePublish = (session: NmsSession): void => {
    const key = first(session.streamQuery["key"]);
    const ok = session.streamApp === APP && this.opts.authorize(session.streamName, key);
    if (!ok) {
      session.streamQuery["sign"] = "";
      // NMS only half-closes a refused session; cut it once NMS has finished with this chunk.
      const socket = (session as NmsSession & { socket?: Socket }).socket;
      queueMicrotask(() => socket?.destroy());
      this.log.warn({ stream: session.streamName, app: session.streamApp, ip: session.ip }, "RTMP publish refused");
      return;
    }
    const exp = Math.floor(Date.now() / 1000) + 60;
    const hash = createHash("md5").update(`${session.streamPath}-${exp}-${this.secret}`).digest("hex");
    session.streamQuery["sign"] = `${exp}-${hash}`;
  };

  private readonly onPostPublish = (session: NmsSession): void => {
    // NMS emits postPublish before it takes the publisher slot (and may still refuse a second
    // publisher): decide once its call stack has finished.
    queueMicrotask(() => {
      const broadcast = nmsContext().broadcasts.get(session.streamPath);
      if (broadcast?.publisher !== session) return;
      const name = session.streamName;
      this.log.info({ stream: name, ip: session.ip }, "RTMP publish started");
      this.emitPublish(name, true);
      (session as NmsSession & { socket?: Socket }).socket?.once("close", () => {
        this.log.info({ stream: name }, "RTMP publisher disconnected");
        for (const sub of this.subscribers.get(name) ?? []) sub.publisherLeft("rtmp publisher disconnected");
        this.emitPublish(name, false);
      });
    });
  };

  private emitPublish(name: string, publishing: boolean): void {
    for (const l of this.publishListeners) {
      try {
        l(name, publishing);
      } catch (err) {
        this.log.warn({ err: String(err) }, "onPublish listener threw");
      }
    }
  }
}

const pathOf = (streamName: string): string => `/${APP}/${streamName}`;
const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
