// The live WebSocket hub, transport only: one typed stream of LiveMessage per client. Owns the sockets:
// hello on connect, then what every feature's live source sends a new connection; `subscribe` frames
// narrow or widen a client's topics (widening replays the added topics' first messages); pings every
// 15 s and drops dead ones; drops a client whose send buffer passes ~4 MB (a slow wall must not hold the
// gateway's memory); closes clients whose session ended; close() ends all. Never knows a topic's
// content or who may hear it: features publish per session (publish()) and answer client frames.

import type { Duplex } from "node:stream";
import { type LiveMessage, type LiveTopic, liveTopicNames, zLiveSubscribe } from "@cw/protocol";
import type { WebSocket } from "ws";
import type { Session } from "../auth/sessions";

export interface LiveHubOptions {
  pingMs?: number;
  maxBufferedBytes?: number;
}

/** What the hub needs besides its sources: the clock for hello, whether a session still lives, a log. */
export interface LiveHubDeps {
  now(): number;
  sessionAlive(session: Session): boolean;
  log: { warn(obj: object, msg: string): void };
}

/** The shortest gap between two batches of frames to one client under load (see cork()). */
const BATCH_MS = 10;

/** WebSocket close codes the wall acts on. */
export const liveCloseCodes = { sessionEnded: 4401, tooSlow: 4408, shutdown: 1001 } as const;

interface Client {
  socket: WebSocket;
  session: Session;
  alive: boolean;
  /** The topics it asked for (subscribe); null = all. */
  topics: Set<LiveTopic> | null;
}

/** Sends one message to one client (dropped silently if its socket is gone). */
export type LiveSend = (msg: LiveMessage) => void;
/** Sends every client the message `build` makes for its session (null: that client hears nothing). */
export type Publish = (build: (session: Session) => LiveMessage | null) => void;
/** A feature's live topics: what a new connection is sent first, and the client frames it answers. */
export interface LiveSource {
  /** After hello, on every new connection (and for the topics a subscribe adds). */
  attached?(session: Session, send: LiveSend): void;
  /** A client → server frame, JSON-parsed (not validated: the source owns its topic's schema). */
  message?(session: Session, msg: unknown, send: LiveSend): void;
}

export class LiveHub {
  private readonly clients = new Set<Client>();
  private readonly timer: NodeJS.Timeout;
  private readonly maxBuffered: number;

  constructor(
    private readonly sources: readonly LiveSource[],
    private readonly deps: LiveHubDeps,
    opts: LiveHubOptions = {},
  ) {
    this.maxBuffered = opts.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.timer = setInterval(() => this.heartbeat(), opts.pingMs ?? 15_000);
    this.timer.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  attach(socket: WebSocket, session: Session): void {
    const client: Client = { socket, session, alive: true, topics: null };
    this.clients.add(client);
    socket.on("pong", () => {
      client.alive = true;
    });
    socket.on("close", () => this.clients.delete(client));
    socket.on("error", () => this.drop(client, 1011, "socket error"));
    // Client frames go to the sources; a frame that is not JSON is ignored rather than failed on.
    socket.on("message", (raw) => this.received(client, String(raw)));
    const { user } = session;
    this.send(client, {
      topic: "hello",
      data: { username: user.username, role: user.role, serverTime: this.deps.now() },
    });
    this.snapshots(client, null);
  }

  /** What a client gets on connect (or when it widens its topics to `added`; null = all). */
  private snapshots(client: Client, added: ReadonlySet<LiveTopic> | null): void {
    const send: LiveSend = (msg) => {
      if (added === null || added.has(msg.topic)) this.send(client, msg);
    };
    for (const source of this.sources) source.attached?.(client.session, send);
  }

  /** A subscribe frame: narrow or widen the topics; widening replays the added topics' snapshots. */
  private subscribe(client: Client, data: unknown): void {
    const parsed = zLiveSubscribe.safeParse(data);
    if (!parsed.success) return;
    const before = client.topics;
    const next = parsed.data.topics === null ? null : new Set<LiveTopic>(parsed.data.topics);
    client.topics = next;
    const had = (t: LiveTopic) => before === null || before.has(t);
    const added = new Set<LiveTopic>([...(next ?? liveTopicNames)].filter((t) => !had(t)));
    if (added.size > 0) this.snapshots(client, added);
  }

  /** Sends to every client the message `build` makes for its session (null: that client hears nothing). */
  readonly publish: Publish = (build) => {
    for (const client of this.clients) {
      const msg = build(client.session);
      if (msg !== null) this.send(client, msg);
    }
  };

  private received(client: Client, raw: string): void {
    if (!this.clients.has(client)) return;
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (typeof msg === "object" && msg !== null && (msg as { topic?: unknown }).topic === "subscribe") {
      this.subscribe(client, (msg as { data?: unknown }).data);
      return;
    }
    const send: LiveSend = (m) => this.send(client, m);
    for (const source of this.sources) source.message?.(client.session, msg, send);
  }

  private send(client: Client, msg: LiveMessage): void {
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return;
    if (client.topics !== null && msg.topic !== "hello" && !client.topics.has(msg.topic)) return;
    if (socket.bufferedAmount > this.maxBuffered) {
      this.deps.log.warn({ username: client.session.user.username }, "live client too slow: dropped");
      // Its buffer is full: a close frame would queue behind it, so cut the connection now.
      this.clients.delete(client);
      socket.terminate();
      return;
    }
    this.cork(socket);
    socket.send(this.serialize(msg), { binary: false });
  }

  /**
   * Frames leave in batches, one write per client per batch: the TCP socket is corked at its first frame
   * and uncorked on the next tick — or, when the previous batch left less than BATCH_MS ago, when that
   * much time has passed. So a quiet gateway sends at once, and an alarm storm costs at most one write
   * per client every BATCH_MS instead of two syscalls per message per client (at 50 clients × 1000
   * alarms/s that was 40 % of the gateway's CPU in writev, measured with --cpu-prof).
   */
  private readonly corked = new Set<Duplex>();
  private lastUncork = 0;
  private cork(socket: WebSocket): void {
    const raw = (socket as unknown as { _socket?: Duplex })._socket; // ws keeps the net.Socket here
    if (raw === undefined || typeof raw.cork !== "function" || this.corked.has(raw)) return;
    raw.cork();
    this.corked.add(raw);
    if (this.corked.size > 1) return;
    const wait = this.lastUncork + BATCH_MS - performance.now();
    if (wait <= 0) process.nextTick(() => this.uncork());
    else setTimeout(() => this.uncork(), wait);
  }
  private uncork(): void {
    this.lastUncork = performance.now();
    for (const raw of this.corked) raw.uncork();
    this.corked.clear();
  }

  /** One UTF-8 payload per message object, however many clients it goes to (50 screens × 1000 alarms/s). */
  private readonly texts = new WeakMap<LiveMessage, Buffer>();
  private serialize(msg: LiveMessage): Buffer {
    let text = this.texts.get(msg);
    if (text === undefined) {
      text = Buffer.from(JSON.stringify(msg));
      this.texts.set(msg, text);
    }
    return text;
  }

  /** Closes with a code the wall can act on; a peer that does not answer the close is cut after 1 s. */
  private drop(client: Client, code: number, reason: string): void {
    this.clients.delete(client);
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return void socket.terminate();
    socket.close(code, reason);
    setTimeout(() => socket.terminate(), 1000).unref();
  }

  /** Closes (4401) every client whose session ended or whose user changed; the wall asks who it is then. */
  recheck(): void {
    for (const client of this.clients) {
      if (!this.deps.sessionAlive(client.session)) this.drop(client, liveCloseCodes.sessionEnded, "session ended");
    }
  }

  private heartbeat(): void {
    for (const client of this.clients) {
      if (!this.deps.sessionAlive(client.session)) {
        this.drop(client, liveCloseCodes.sessionEnded, "session ended");
      } else if (!client.alive) {
        this.clients.delete(client);
        client.socket.terminate();
      } else {
        client.alive = false;
        client.socket.ping();
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const client of this.clients) this.drop(client, liveCloseCodes.shutdown, "gateway shutting down");
  }
}
