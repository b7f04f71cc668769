// The one live WebSocket: connect, reconnect with back-off (0.5 s → 10 s), queue sends while down.
// Owns: the socket, its reconnect timer and the send queue; close() stops everything. Never parses
// messages (the store does) and never touches React; the socket and timers are injectable for tests.
import { backoffDelay } from "./backoff";

export type ConnState = "connecting" | "connected" | "reconnecting" | "closed";

/** The subset of the browser WebSocket we use. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface LiveSocketOptions {
  url: string;
  onMessage: (raw: string) => void;
  onState: (state: ConnState) => void;
  /** Called after every (re)connect, so the store can expect fresh snapshots. */
  onOpen?: () => void;
  /** The gateway closed the socket because the session ended or changed (close code 4401). */
  onSessionEnded?: () => void;
  createSocket?: (url: string) => SocketLike;
  timers?: Timers;
  rng?: () => number;
  maxQueue?: number;
}

/** The gateway's close code for "your session ended or changed" (docs/api/live.md). */
export const sessionEndedCode = 4401;

const CONNECTING = 0;
const OPEN = 1;

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class LiveSocket {
  private socket: SocketLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private closed = false;
  private everStarted = false;
  private readonly queue: string[] = [];
  private readonly opts: Required<Omit<LiveSocketOptions, "onOpen" | "onSessionEnded">> &
    Pick<LiveSocketOptions, "onOpen" | "onSessionEnded">;

  constructor(options: LiveSocketOptions) {
    this.opts = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      timers: browserTimers,
      rng: Math.random,
      maxQueue: 100,
      ...options,
    };
  }

  start(): void {
    if (this.closed || this.socket) return;
    this.opts.onState(this.everStarted ? "reconnecting" : "connecting");
    this.everStarted = true;
    const socket = this.opts.createSocket(this.opts.url);
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.opts.onState("connected");
      this.opts.onOpen?.();
      for (const msg of this.queue.splice(0)) socket.send(msg);
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket && typeof ev.data === "string") this.opts.onMessage(ev.data);
    };
    // A failed connect fires error then close; reconnecting is handled once, in close.
    socket.onerror = () => {};
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.closed) return;
      // The gateway ended or changed our session: whoever owns it checks; we keep trying meanwhile.
      if ((ev as { code?: number } | undefined)?.code === sessionEndedCode) this.opts.onSessionEnded?.();
      this.opts.onState("reconnecting");
      const delay = backoffDelay(this.attempt, undefined, this.opts.rng);
      this.attempt += 1;
      this.timer = this.opts.timers.set(() => {
        this.timer = null;
        this.start();
      }, delay);
    };
  }

  /** Sends now if connected, else queues (oldest dropped beyond maxQueue). */
  send(message: unknown): void {
    const data = JSON.stringify(message);
    if (this.socket && this.socket.readyState === OPEN) {
      this.socket.send(data);
      return;
    }
    this.queue.push(data);
    if (this.queue.length > this.opts.maxQueue) this.queue.shift();
  }

  get queued(): number {
    return this.queue.length;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== null) this.opts.timers.clear(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    this.queue.length = 0;
    if (socket) {
      socket.onclose = socket.onerror = null;
      socket.onmessage = null;
      // Closing a socket that is still connecting makes browsers log a warning (React StrictMode
      // mounts twice in dev): let it finish connecting, then close it.
      if (socket.readyState === CONNECTING) socket.onopen = () => socket.close(1000, "bye");
      else {
        socket.onopen = null;
        socket.close(1000, "bye");
      }
    }
    this.opts.onState("closed");
  }
}
