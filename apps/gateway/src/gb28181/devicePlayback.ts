// One device-recording playback (GB/T 28181 §9.8): a port from the pool, INVITE `s=Playback` for the span,
// PS over RTP through the same receiver and packager as live, each closed segment written to a small
// recording store of its own (`RECORD_DIR/.device/<id>/`) whose files the wall plays as HLS byte ranges —
// the path gateway recordings take. The segments are dated by the recording's own timestamps: the first
// frame is the span's start and each later one is that plus its distance in media time — not in arrival
// time, since a device asked for 4× (`control`: MANSRTSP `PLAY` with `Scale` over INFO, §9.8.3) sends four
// seconds of its recording every second with the recording's timestamps. The stream ends when the device
// says so (MediaStatus 121 or its BYE) or stops sending; the playlist then gets its ENDLIST. Owns its
// port, listener, dialog, tick, timers, store and directory; stop() releases every one of them.
import { rm } from "node:fs/promises";
import type { ControlResult, GbEvent, Scale } from "@cw/gb28181";
import { playlistFromStore, RecordingStore } from "@cw/recording";
import { MediaListener, Packager, RtpPsReceiver } from "@cw/streams";
import type { GbMediaContext } from "./gbSource";

export type PlaybackContext = Omit<GbMediaContext, "nextSsrc"> & { nextSsrc(): string };

export interface PlaybackSpan {
  deviceId: string;
  channelId: string;
  cameraId: string;
  /** Unix ms. */
  from: number;
  to: number;
}

/** Where a playback's footage goes: by default a store of its own in `dir`; a fetch names another. */
export interface PlaybackTarget {
  store: RecordingStore;
  key: string;
}

export interface PlaybackMode {
  /** Write into this store under this key (kept, not deleted at stop) instead of a store of its own. */
  target?: PlaybackTarget;
  /** INVITE `s=Download` with this `a=downloadspeed` instead of `s=Playback` (§9.9). */
  downloadSpeed?: number;
}

const KEY = "device";
/** After the device's end-of-file notify, packets still under way are awaited this long. */
const END_GRACE_MS = 400;
const MEDIA = /^(\d{1,15})\.mp4$/;

let sessionSeq = 0;

export class DevicePlayback {
  state: "starting" | "playing" | "finished" | "failed" = "starting";
  reason: string | null = null;
  /** The device's final status when it refused the INVITE (null: it did not, or never answered). */
  refusedWith: number | null = null;
  lastUsedAt: number;
  private port: number | null = null;
  private listener: MediaListener | null = null;
  private packager: Packager | null = null;
  private store: RecordingStore | null = null;
  private readonly key: string;
  private sessionId: string | null = null;
  private untick: (() => void) | null = null;
  private unlisten: (() => void) | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  /** The first unit's media time (ms): the span's start. */
  private firstDts: number | null = null;
  /** The recording time of the unit being packaged (the packager's clock). */
  private mediaAt: number;
  /** The speed the device was last asked (and agreed) to send at. */
  scale: Scale = 1;

  constructor(
    private readonly ctx: PlaybackContext,
    readonly span: PlaybackSpan,
    readonly dir: string,
    private readonly mode: PlaybackMode = {},
  ) {
    this.lastUsedAt = ctx.now();
    this.mediaAt = span.from;
    this.key = mode.target?.key ?? KEY;
  }

  /** Asks the device to send at another speed (MANSRTSP PLAY, Scale); the stored footage stays dated. */
  async control(scale: Scale): Promise<ControlResult> {
    if (this.state !== "playing" || this.sessionId === null)
      return { ok: false, reason: "this device playback has ended: ask for a new one" };
    const r = await this.ctx.server.control(this.sessionId, { method: "PLAY", scale });
    if (r.ok) this.scale = scale;
    return r;
  }

  /** INVITEs the device. Resolves null once it answered (media may follow), else why not. */
  async start(): Promise<string | null> {
    const r = await this.invite();
    if (r !== null) {
      this.state = "failed";
      this.reason = r;
      await this.release();
    }
    return r;
  }

  /**
   * Waits (up to `ms`) until the playlist lists `segments` 1 s segments, or the stream ended. A device sends
   * its recording at the speed it is watched: a player that starts on the first segment plays at the edge
   * of what arrived and stalls at every hiccup; three seconds in hand keep it smooth.
   */
  async ready(ms: number, segments = 3): Promise<void> {
    const until = this.ctx.now() + ms;
    while (this.state === "playing" && this.ctx.now() < until) {
      await this.store?.flush();
      if (((await this.playlist())?.split("#EXTINF").length ?? 1) > segments) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  playlist(): Promise<string | null> {
    if (!this.store) return Promise.resolve(null);
    const growing = this.state === "playing" || this.state === "starting";
    return playlistFromStore(this.store, this.key, {
      from: this.span.from,
      to: this.span.to,
      now: growing ? this.span.from : Number.MAX_SAFE_INTEGER,
      // 1 s groups (the stored segments): the first one is listed as soon as it is written.
      groupMs: 1000,
    });
  }

  mediaFile(name: string): { path: string; bytes: number } | null {
    const m = MEDIA.exec(name);
    if (!m || !this.store) return null;
    const start = Number(m[1]);
    const f = this.store.files(this.key, start, start + 1).find((x) => x.start === start);
    return f ? { path: this.store.mediaPath(this.key, start), bytes: f.bytes } : null;
  }

  /** The device is done (or stopped sending): the last segment is closed, the dialog hung up. */
  async finish(reason: string): Promise<void> {
    if (this.state !== "playing") return;
    this.state = "finished";
    this.reason = reason;
    this.packager?.end(reason);
    await this.release();
  }

  /**
   * The viewer left (or the gateway stops): hang up and delete the session's files. A target store's
   * stream is sealed instead (what arrived is kept).
   */
  async stop(): Promise<void> {
    if (this.state === "playing" || this.state === "starting") this.state = "finished";
    this.reason ??= "stopped";
    await this.release();
    if (this.mode.target) {
      await this.mode.target.store.finish(this.key);
      return;
    }
    await this.store?.close();
    this.store = null;
    await rm(this.dir, { recursive: true, force: true });
  }

  private async invite(): Promise<string | null> {
    const { ctx, span } = this;
    const presence = ctx.server.platform.presence.get(span.deviceId);
    if (!presence?.online) return "the device is offline";
    this.store = this.mode.target?.store ?? (await RecordingStore.open({ root: this.dir }));
    const store = this.store;
    const key = this.key;
    // Dated by media time: the first frame is the span's start, whatever speed the device sends at.
    const packager = new Packager({
      now: () => this.mediaAt,
      ringSegments: 3,
      onSegment: (segment, init) => {
        store.append(key, { cameraId: span.cameraId, variant: "main", stream: 1, segment, init });
      },
    });
    this.packager = packager;
    const ssrc = ctx.nextSsrc();
    const receiver = new RtpPsReceiver(
      {
        config: (t) => packager.config(t),
        unit: (au) => {
          this.firstDts ??= au.dts;
          this.mediaAt = span.from + (au.dts - this.firstDts);
          packager.unit(au);
        },
        discontinuity: (r) => packager.discontinuity(r),
        end: (r) => packager.end(r),
      },
      { ssrc: Number(ssrc), now: ctx.now },
    );
    const port = ctx.pool.take();
    if (port === null) return "no free media port (GB_MEDIA_PORTS is exhausted)";
    this.port = port;
    const listen = async (mode: ConstructorParameters<typeof MediaListener>[0]["mode"]) => {
      const l = new MediaListener({
        bindHost: ctx.bindHost,
        mode,
        allowedAddresses: [presence.remote.address],
        onPacket: (p) => receiver.packet(p),
        onClosed: (r) => void this.finish(`the media connection closed: ${r}`),
      });
      this.listener = l;
      await l.open();
      return l;
    };
    try {
      if (ctx.transport !== "tcp-active") await listen({ transport: ctx.transport, port });
    } catch (err) {
      return `cannot open a media port: ${err instanceof Error ? err.message : String(err)}`;
    }
    const sessionId = `gbpb-${++sessionSeq}`;
    this.sessionId = sessionId;
    this.unlisten = ctx.server.onEvent((e) => this.onGbEvent(e));
    const answer = await ctx.server.invite({
      sessionId,
      deviceId: span.deviceId,
      channelId: span.channelId,
      transport: ctx.transport,
      mediaIp: ctx.mediaIp,
      port,
      ssrc,
      playback: { from: Math.floor(span.from / 1000), to: Math.ceil(span.to / 1000) },
      ...(this.mode.downloadSpeed ? { downloadSpeed: this.mode.downloadSpeed } : {}),
    });
    if (this.state !== "starting") return this.reason ?? "stopped";
    if (!answer.ok) {
      this.sessionId = null;
      this.refusedWith = answer.status;
      return answer.reason;
    }
    const a = answer.answer;
    if (a.ip) this.listener?.allow(a.ip);
    if (ctx.transport === "tcp-active") {
      if (!a.ip || !a.port) return "the device's answer names no address to connect to (TCP active)";
      try {
        (await listen({ transport: "tcp-active", port, remoteHost: a.ip, remotePort: a.port })).allow(a.ip);
      } catch (err) {
        return `cannot connect to the device's media port: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    this.state = "playing";
    this.untick = ctx.ticker.add(() => receiver.tick());
    const answeredAt = ctx.now();
    // No media within the timeout of the answer, or none for that long once flowing: the stream is over.
    this.watchdog = setInterval(() => {
      const last = receiver.stats().lastPacketAt;
      const silentFor = ctx.now() - (last ?? answeredAt);
      if (silentFor < ctx.mediaTimeoutMs) return;
      void this.finish(
        last === null
          ? `no media within ${ctx.mediaTimeoutMs / 1000} s of the device's answer`
          : "the device stopped sending",
      );
    }, 250);
    return null;
  }

  private onGbEvent(e: GbEvent): void {
    if (this.sessionId === null) return;
    if (e.type === "sessionEnded" && e.sessionId === this.sessionId) {
      this.sessionId = null; // the device hung up: no BYE of ours
      void this.finish("the device ended the playback (BYE)");
    }
    // The notify can overtake the last packets (still in the jitter buffer): take them in first.
    if (e.type === "mediaStatus" && e.sessionId === this.sessionId && e.notifyType === "121")
      setTimeout(() => void this.finish("the device sent the recording to its end"), END_GRACE_MS);
  }

  private async release(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.untick?.();
    this.untick = null;
    this.unlisten?.();
    this.unlisten = null;
    if (this.sessionId) this.ctx.server.bye(this.sessionId);
    this.sessionId = null;
    await this.listener?.close();
    this.listener = null;
    if (this.port !== null) this.ctx.pool.release(this.port);
    this.port = null;
    if (this.mode.target) await this.mode.target.store.finish(this.key);
    else await this.store?.flush();
  }

  /** Resolves once the playback is over: finished (device done, silent) or failed. */
  async done(pollMs = 100): Promise<void> {
    while (this.state === "playing" || this.state === "starting") await new Promise((r) => setTimeout(r, pollMs));
  }
}
