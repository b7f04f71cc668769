// A GB/T 28181 camera as a media Source, started on demand like every other: take a port from the pool,
// listen (UDP / TCP passive) or later connect (TCP active), INVITE the device's channel with our SSRC,
// check the SSRC and sender address of what arrives, demux PS (or depacketise the raw H.264 a device
// answered with instead) into the packager's sink; BYE and free the
// port on stop. A refused, unanswered or silent INVITE is tried once more, then the tile is told why
// (sink.end with the reason: device offline / refused / no media within N s) and the source tries again
// after a back-off while someone still watches — never an endless spinner, never a lost recovery.
// Owns its listener, port, dialog and timers; stop() releases all of them.
import { answerMedia, type GbServer, type MediaTransport } from "@cw/gb28181";
import { Backoff, MediaListener, type MediaSink, type PortPool, RtpPsReceiver, type Source } from "@cw/streams";

export interface GbMediaContext {
  server: GbServer;
  pool: PortPool;
  bindHost: string;
  /** The address written into SDP (GB_MEDIA_IP). */
  mediaIp: string;
  transport: MediaTransport;
  /** No RTP this long after the answer (or later) = "no media". */
  mediaTimeoutMs: number;
  nextSsrc(): string;
  now(): number;
  /** The shared 40 ms tick that drives every receiver's jitter buffer. */
  ticker: { add(f: () => void): () => void };
  log: { warn(o: object, m?: string): void; info(o: object, m?: string): void };
}

export interface GbSourceStats {
  attempts: number;
  foreignAddress: number;
  lastError: string | null;
}

let sessionSeq = 0;

export class GbSource implements Source {
  private sink: MediaSink | null = null;
  private stopped = false;
  private port: number | null = null;
  private listener: MediaListener | null = null;
  private receiver: RtpPsReceiver | null = null;
  private sessionId: string | null = null;
  private untick: (() => void) | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failuresInRow = 0;
  private readonly backoff = new Backoff({ initialMs: 2000, maxMs: 30_000, healthyMs: 60_000 });
  readonly stats: GbSourceStats = { attempts: 0, foreignAddress: 0, lastError: null };

  constructor(
    private readonly ctx: GbMediaContext,
    readonly deviceId: string,
    readonly channelId: string,
  ) {}

  start(sink: MediaSink): void {
    if (this.sink || this.stopped) return;
    this.sink = sink;
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.teardown();
  }

  /**
   * A player waits for this stream's first segment: ask the channel for a key frame now (IFameCmd), so
   * the segment ends a fraction of a second in rather than at the device's next GOP. Devices that ignore
   * it cost nothing: the segment then ends at the next key frame, as before.
   */
  requestKeyFrame(): void {
    if (this.stopped || this.sessionId === null) return;
    this.ctx.server.keyFrame(this.deviceId, this.channelId);
  }

  /** The receiver's counters while a session runs (tests and /metrics). */
  receiverStats() {
    return this.receiver?.stats() ?? null;
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    this.stats.attempts++;
    const reason = await this.play();
    if (reason === null || this.stopped) return;
    await this.teardown();
    this.failuresInRow++;
    this.stats.lastError = reason;
    if (this.failuresInRow === 1) {
      this.ctx.log.info({ device: this.deviceId, channel: this.channelId, reason }, "GB play failed; trying once more");
      void this.attempt();
      return;
    }
    this.ctx.log.warn({ device: this.deviceId, channel: this.channelId, reason }, "GB play failed twice");
    this.sink?.end(reason);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.attempt();
    }, this.backoff.afterRun(0));
  }

  /** One INVITE → media run. Resolves null when media flows (the watchdog takes over), else the reason. */
  private async play(): Promise<string | null> {
    const presence = this.ctx.server.platform.presence.get(this.deviceId);
    if (!presence?.online) return "the device is offline";
    const ssrc = this.ctx.nextSsrc();
    const sessionId = `gb-${++sessionSeq}`;
    const sink = this.sink!;
    let flowing = false;
    const receiver = new RtpPsReceiver(
      {
        config: (t) => sink.config(t),
        unit: (au) => {
          flowing = true;
          sink.unit(au);
        },
        discontinuity: (r) => sink.discontinuity(r),
        end: (r) => sink.end(r),
      },
      { ssrc: Number(ssrc), now: this.ctx.now, awaitAnswer: true },
    );
    this.receiver = receiver;
    const transport = this.ctx.transport;
    const listen = async (mode: ConstructorParameters<typeof MediaListener>[0]["mode"]) => {
      const l = new MediaListener({
        bindHost: this.ctx.bindHost,
        mode,
        allowedAddresses: [presence.remote.address],
        onPacket: (p) => receiver.packet(p),
        onClosed: (r) => this.lost(r),
      });
      this.listener = l;
      await l.open();
      return l;
    };
    // A port of the range may be held by another program: try the next ones before giving up.
    let port: number | null = null;
    for (let tries = 0; tries < 3 && port === null; tries++) {
      const p = this.ctx.pool.take();
      if (p === null) return "no free media port (GB_MEDIA_PORTS is exhausted)";
      this.port = p;
      if (transport === "tcp-active") {
        port = p;
        break;
      }
      try {
        await listen({ transport, port: p });
        port = p;
      } catch (err) {
        await this.listener?.close();
        this.listener = null;
        this.ctx.pool.release(p);
        this.port = null;
        if (tries === 2) return `cannot open a media port: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    if (port === null) return "cannot open a media port";
    this.sessionId = sessionId;
    const answer = await this.ctx.server.invite({
      sessionId,
      deviceId: this.deviceId,
      channelId: this.channelId,
      transport,
      mediaIp: this.ctx.mediaIp,
      port,
      ssrc,
    });
    if (this.stopped) return null;
    if (!answer.ok) {
      this.sessionId = null;
      return answer.reason;
    }
    const a = answer.answer;
    // PS as asked, or raw H.264 (RFC 6184) from devices that answer 98; the core refused anything else.
    const media = answerMedia(a);
    if (!media.ok) return media.reason;
    receiver.configure(media);
    if (a.ip) this.listener?.allow(a.ip);
    if (transport === "tcp-active") {
      if (!a.ip || !a.port) return "the device's answer names no address to connect to (TCP active)";
      try {
        const l = await listen({ transport: "tcp-active", port, remoteHost: a.ip, remotePort: a.port });
        l.allow(a.ip);
      } catch (err) {
        return `cannot connect to the device's media port: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    this.untick = this.ctx.ticker.add(() => receiver.tick());
    const waited = await this.firstFrame(() => flowing);
    if (!waited) return `no media within ${this.ctx.mediaTimeoutMs / 1000} s of the device's answer`;
    this.failuresInRow = 0;
    this.watch(receiver);
    return null;
  }

  private firstFrame(flowing: () => boolean): Promise<boolean> {
    return new Promise((resolve) => {
      const started = this.ctx.now();
      const check = setInterval(() => {
        if (this.stopped || flowing()) {
          clearInterval(check);
          resolve(true);
        } else if (this.ctx.now() - started >= this.ctx.mediaTimeoutMs) {
          clearInterval(check);
          resolve(false);
        }
      }, 50);
    });
  }

  /** While playing: a stream that goes silent for the media timeout is restarted (BYE, new INVITE). */
  private watch(receiver: RtpPsReceiver): void {
    this.watchdog = setInterval(() => {
      const last = receiver.stats().lastPacketAt;
      if (last !== null && this.ctx.now() - last >= this.ctx.mediaTimeoutMs)
        this.lost(`no media for ${this.ctx.mediaTimeoutMs / 1000} s`);
    }, 1000);
  }

  private lost(reason: string): void {
    if (this.stopped || this.watchdog === null) return;
    this.ctx.log.info({ device: this.deviceId, channel: this.channelId, reason }, "GB media stopped; inviting again");
    this.sink?.end(reason);
    void this.teardown().then(() => this.attempt());
  }

  private async teardown(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.untick?.();
    this.untick = null;
    if (this.sessionId) this.ctx.server.bye(this.sessionId);
    this.sessionId = null;
    if (this.listener) this.stats.foreignAddress += this.listener.stats.foreignAddress;
    await this.listener?.close();
    this.listener = null;
    if (this.port !== null) this.ctx.pool.release(this.port);
    this.port = null;
  }
}
