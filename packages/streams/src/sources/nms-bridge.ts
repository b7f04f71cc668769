// The typed edge to node-media-server v4's internals (plain CommonJS without types). Everything the
// ingest touches in NMS goes through these few interfaces, so an NMS upgrade breaks here, loudly,
// and nowhere else. NMS keeps its state in a module singleton (Context): one NMS per process.

import { createRequire } from "node:module";
import type { Socket } from "node:net";
import type { Logger } from "./logger";

const require = createRequire(import.meta.url);

/** The subset of NMS's BaseSession the ingest reads or implements. */
export interface NmsSession {
  id: string;
  ip: string;
  protocol: string;
  streamApp: string;
  streamName: string;
  streamPath: string;
  streamQuery: Record<string, string | string[] | undefined>;
  isPublisher: boolean;
  sendBuffer(buffer: Buffer): void;
  close(): void;
}

export interface NmsRtmpSession extends NmsSession {
  socket: Socket;
  onData(data: Buffer): void;
  onPacket(packet: unknown): void;
  run(): void;
}

export interface NmsBroadcast {
  streamPath: string;
  publisher: NmsSession | null;
  subscribers: Map<string, NmsSession>;
  postPlay(session: NmsSession): string | null;
  donePlay(session: NmsSession): void;
  getPublishStatus(): "publishing" | "reconnecting" | "idle";
  _finishPublish(): void;
  /**
   * NMS 4.4.3 resumes a publish (same client within its 30 s grace) by adding, per FLV tag type (8 audio,
   * 9 video), the previous publish's last dts of THAT track to every later frame. Read by RtmpSubscriber to
   * undo it (see there); absent or 0 when no resume is in force.
   */
  _dtsOffset?: Record<number, number | undefined>;
}

export interface NmsContext {
  config: Record<string, unknown>;
  sessions: Map<string, NmsSession>;
  broadcasts: Map<string, NmsBroadcast>;
  eventEmitter: import("node:events").EventEmitter;
}

export interface NmsServer {
  run(): Promise<void>;
  stop(): Promise<void>;
}

export const nmsContext = (): NmsContext => require("node-media-server/src/core/context.js") as NmsContext;

export function newBroadcast(streamPath: string): NmsBroadcast {
  const Ctor = require("node-media-server/src/server/broadcast_server.js") as new (p: string) => NmsBroadcast;
  return new Ctor(streamPath);
}

export function newRtmpSession(socket: Socket): NmsRtmpSession {
  const Ctor = require("node-media-server/src/session/rtmp_session.js") as new (s: Socket) => NmsRtmpSession;
  return new Ctor(socket);
}

export function newMediaServer(config: Record<string, unknown>): NmsServer {
  const Ctor = require("node-media-server") as new (config: object, configPath: string) => NmsServer;
  return new Ctor(config, "");
}

/**
 * NMS prints every line with console.log. Its logger is a module singleton whose constructor-time
 * level we cannot pre-empt, so its `log` is replaced: errors and warnings go to our logger at
 * warn (they are about one remote peer, not about us), the rest is dropped.
 */
export function routeNmsLogs(log: Logger): void {
  const nmsLogger = require("node-media-server/src/core/logger.js") as {
    log: (message: string, level?: string) => void;
  };
  nmsLogger.log = (message: string, level = "info") => {
    if (level === "error" || level === "warn") log.warn({ component: "node-media-server" }, String(message));
  };
}
