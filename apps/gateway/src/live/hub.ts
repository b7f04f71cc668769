// The live WebSocket hub: one typed stream of LiveMessage per client (hello, stream.health snapshot
// then changes, catalogue.camera edits, wall.screen snapshot then changes, preset edits), scoped to what the client's session may see. Owns the
// sockets: pings every 15 s and drops dead ones, drops a client whose send buffer passes ~4 MB (a slow
// wall must not hold the gateway's memory) and closes clients whose session ended. close() ends all.
// Features extend it (extend(): a hook on each connection and on client → server frames; publish():
// a per-session message to every client), e.g. the orders' guaranteed delivery (orders/live.ts).

import type { Duplex } from "node:stream";
import {
  can,
  type LiveMessage,
  type LiveTopic,
  liveTopicNames,
  type StreamHealth,
  scopeOf,
  zLiveSubscribe,
} from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import type { WebSocket } from "ws";
import { canSeePrison } from "../auth/guard";
import type { Session } from "../auth/sessions";
import type { Core } from "../core";
import { visibleHealth } from "../http/streamsRoutes";
import { wallCatalogue } from "../wall/catalogueView";
import { scopePreset } from "../wall/scope";

export interface LiveHubOptions {
  pingMs?: number;
  maxBufferedBytes?: number;
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
/** A feature's hook on each connection (orders: what a terminal missed) and on what clients send. */
export interface LiveExtension {
  /** After hello and the snapshots of a new connection. */
  attached?(session: Session, send: LiveSend): void;
  /** A client → server frame, JSON-parsed (not validated: the extension owns its topic's schema). */
  message?(session: Session, msg: unknown, send: LiveSend): void;
}

export class LiveHub {
  private readonly clients = new Set<Client>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: Array<() => void>;
  private readonly maxBuffered: number;
  private readonly snapshot: () => StreamHealth[];
  private readonly extensions = new Set<LiveExtension>();

  constructor(
    private readonly core: Core,
    streams: StreamRegistry,
    opts: LiveHubOptions = {},
  ) {
    this.maxBuffered = opts.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.timer = setInterval(() => this.heartbeat(), opts.pingMs ?? 15_000);
    this.timer.unref();
    this.unsubscribe = [
      streams.onHealth((changed) => this.broadcastHealth(changed)),
      core.onCatalogueChange((c) => {
        for (const client of this.clients) {
          if (can(client.session.user.role, "cameras.view") && canSeePrison(client.session, c.prisonId)) {
            this.send(client, { topic: "catalogue.camera", data: { id: c.id, camera: c.camera } });
          }
        }
      }),
      // Screens are the bureau centre's (operators never hear of them); presets are scoped per prison.
      core.wall.onScreen((screen) => {
        for (const client of this.clients) {
          if (can(client.session.user.role, "wall.view")) this.send(client, { topic: "wall.screen", data: screen });
        }
      }),
      core.wall.onPreset((id, preset) => {
        const catalogue = wallCatalogue(core.catalogue);
        for (const client of this.clients) {
          if (!can(client.session.user.role, "cameras.view")) continue;
          const scoped = preset && scopePreset(preset, scopeOf(client.session), catalogue);
          this.send(client, { topic: "preset", data: { id, preset: scoped } });
        }
      }),
    ];
    this.snapshot = () => streams.health();
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
    // Client frames go to the extensions; a frame that is not JSON is ignored rather than failed on.
    socket.on("message", (raw) => this.received(client, String(raw)));
    const { user } = session;
    this.send(client, {
      topic: "hello",
      data: { username: user.username, role: user.role, serverTime: this.core.now() },
    });
    this.snapshots(client, null);
  }

  /** What a client gets on connect (or when it widens its topics to `added`; null = all). */
  private snapshots(client: Client, added: ReadonlySet<LiveTopic> | null): void {
    const { session } = client;
    const wants = (t: LiveTopic) => added === null || added.has(t);
    if (wants("stream.health")) {
      this.send(client, { topic: "stream.health", data: visibleHealth(this.core, session, this.snapshot()) });
    }
    if (wants("wall.screen") && can(session.user.role, "wall.view")) {
      for (const screen of this.core.wall.screens()) this.send(client, { topic: "wall.screen", data: screen });
    }
    // Extensions send their own topics' snapshots (overview, missed orders); send() filters the rest.
    const send: LiveSend = (msg) => {
      if (wants(msg.topic)) this.send(client, msg);
    };
    for (const x of this.extensions) x.attached?.(session, send);
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

  /** Adds a feature's hooks; returns its removal. */
  extend(extension: LiveExtension): () => void {
    this.extensions.add(extension);
    return () => this.extensions.delete(extension);
  }

  /** Sends to every client the message `build` makes for its session (null: that client hears nothing). */
  publish(build: (session: Session) => LiveMessage | null): void {
    for (const client of this.clients) {
      const msg = build(client.session);
      if (msg !== null) this.send(client, msg);
    }
  }

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
    for (const x of this.extensions) x.message?.(client.session, msg, send);
  }

  private broadcastHealth(changed: StreamHealth[]): void {
    for (const client of this.clients) {
      const data = visibleHealth(this.core, client.session, changed);
      if (data.length > 0) this.send(client, { topic: "stream.health", data });
    }
  }

  private send(client: Client, msg: LiveMessage): void {
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return;
    if (client.topics !== null && msg.topic !== "hello" && !client.topics.has(msg.topic)) return;
    if (socket.bufferedAmount > this.maxBuffered) {
      this.core.log.warn({ username: client.session.user.username }, "live client too slow: dropped");
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

  private heartbeat(): void {
    for (const client of this.clients) {
      if (!this.core.sessions.byHashValue(client.session.hash)) {
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
    for (const u of this.unsubscribe) u();
    this.extensions.clear();
    for (const client of this.clients) this.drop(client, liveCloseCodes.shutdown, "gateway shutting down");
  }
}
