// The edge's answer to its upper platform's INVITE, media half (GB/T 28181 as a lower platform): sends a
// camera's video as PS over RTP from what the edge already ingests — a tap on the camera's stream in the
// registry (started like a viewer would start it, held while the session lasts, released at stop), never
// a second pull from the camera. Implements the lower UA's UplinkMediaHandler (@cw/gb28181 lower/media.ts):
// the UA owns the SIP dialog, this owns the sockets and the tap, one session per Call-ID.
// Never throws into the UA except as start()'s rejection (the UA answers 488/500 with its reason).
import type { UplinkMediaAnswer, UplinkMediaHandler, UplinkMediaRequest } from "@cw/gb28181";
import { type PortPool, PsRtpSender, type PsRtpSenderStats, type StreamRegistry } from "@cw/streams";
import { type MediaOut, openMediaOut } from "./mediaTransport";

export interface UplinkMediaOptions {
  registry: Pick<StreamRegistry, "tap">;
  /** Address our media sockets bind to (GB_SIP_HOST / HOST). */
  bindHost: string;
  /** Address written into the SDP answer (GB_MEDIA_IP). */
  mediaIp: string;
  /** Local ports (GB_MEDIA_PORTS, shared with the receiving side); without one, any free port. */
  ports?: Pick<PortPool, "take" | "release"> | null;
  /** Randomness for the first RTP sequence number (RFC 3550 5.1). */
  random?: () => number;
  connectTimeoutMs?: number;
  log?: { info(o: object, m?: string): void; warn(o: object, m?: string): void };
}

interface Session {
  req: UplinkMediaRequest;
  out: MediaOut;
  sender: PsRtpSender;
  port: number | null;
  release: () => void;
}

export interface UplinkMediaSessionStats extends PsRtpSenderStats {
  callId: string;
  cameraId: string;
  transport: UplinkMediaRequest["transport"];
}

const silent = { info() {}, warn() {} };

export class UplinkMedia implements UplinkMediaHandler {
  private readonly sessions = new Map<string, Session>();
  /** Call-IDs stopped while their start was still under way. */
  private readonly cancelled = new Set<string>();
  private readonly starting = new Set<string>();
  private readonly log: NonNullable<UplinkMediaOptions["log"]>;
  private closed = false;

  constructor(private readonly o: UplinkMediaOptions) {
    this.log = o.log ?? silent;
  }

  async start(req: UplinkMediaRequest): Promise<UplinkMediaAnswer> {
    if (this.closed) throw new Error("the gateway is stopping");
    const ssrc = ssrcOf(req.ssrc);
    if (this.sessions.has(req.callId)) this.stop(req.callId); // a re-INVITE restarts the media
    this.cancelled.delete(req.callId);
    this.starting.add(req.callId);
    let port: number | null = null;
    let out: MediaOut | null = null;
    let release: (() => void) | null = null;
    try {
      // A port of the pool another process holds (EADDRINUSE) is skipped for the next one, a few times.
      for (let attempt = 0; out === null; attempt++) {
        port = this.o.ports ? this.o.ports.take() : 0;
        if (port === null) throw new Error("no free media port (GB_MEDIA_PORTS is used up)");
        out = await openMediaOut({
          transport: req.transport,
          bindHost: this.o.bindHost,
          port,
          remoteIp: req.remoteIp,
          remotePort: req.remotePort,
          connectTimeoutMs: this.o.connectTimeoutMs ?? 5000,
          onClosed: (reason) => {
            this.log.info({ callId: req.callId, camera: req.cameraId, reason }, "uplink media connection closed");
            this.stop(req.callId);
          },
        }).catch((e: unknown) => {
          if (port === 0 || (e as { code?: string }).code !== "EADDRINUSE" || attempt >= 7) throw e;
          this.o.ports?.release(port as number);
          return null;
        });
      }
      const o = out;
      const sender: PsRtpSender = new PsRtpSender({
        ssrc,
        firstSeq: Math.floor((this.o.random ?? Math.random)() * 0x10000) & 0xffff,
        send: (packets) => {
          if (!o.send(packets)) sender.resync();
        },
      });
      const tapped = await this.o.registry.tap(req.cameraId, "main", sender);
      if (!tapped.ok) throw new Error(tapped.error.message);
      release = tapped.value;
      if (this.cancelled.has(req.callId) || this.closed) throw new Error("the session ended before its media started");
      this.sessions.set(req.callId, { req, out, sender, port: this.o.ports ? port : null, release });
      this.log.info(
        { callId: req.callId, camera: req.cameraId, transport: req.transport, to: `${req.remoteIp}:${req.remotePort}` },
        "uplink media started",
      );
      return { localIp: this.o.mediaIp, localPort: out.localPort };
    } catch (e) {
      release?.();
      await out?.close();
      if (this.o.ports && port !== null) this.o.ports.release(port);
      throw e instanceof Error ? e : new Error(String(e));
    } finally {
      this.starting.delete(req.callId);
      this.cancelled.delete(req.callId);
    }
  }

  stop(callId: string): void {
    if (this.starting.has(callId)) this.cancelled.add(callId);
    const s = this.sessions.get(callId);
    if (!s) return;
    this.sessions.delete(callId);
    s.release();
    const port = s.port;
    void s.out.close().finally(() => {
      if (port !== null) this.o.ports?.release(port);
    });
    this.log.info({ callId, camera: s.req.cameraId, frames: s.sender.stats.frames }, "uplink media stopped");
  }

  stats(): UplinkMediaSessionStats[] {
    return [...this.sessions.entries()].map(([callId, s]) => ({
      callId,
      cameraId: s.req.cameraId,
      transport: s.req.transport,
      ...s.sender.stats,
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.sessions.values()];
    for (const callId of [...this.sessions.keys()]) this.stop(callId);
    await Promise.all(all.map((s) => s.out.close()));
  }
}

/** The offer's `y=` (10 decimal digits) as the 32-bit RTP SSRC. */
function ssrcOf(y: string): number {
  const n = /^\d{1,10}$/.test(y) ? Number(y) : Number.NaN;
  if (!(n >= 0 && n <= 0xffffffff)) throw new Error(`SSRC "${y}" is not a 32-bit number (y= needs 10 digits)`);
  return n;
}

/**
 * The edge feature's media hook (province/edge.ts `media`): the sender on the gateway's GB addresses —
 * sockets bound to GB_SIP_HOST (or HOST), GB_MEDIA_IP (or the bind address) in the SDP answer, local
 * ports from GB_MEDIA_PORTS (the pool the edge's own GB devices' streams take from too, when it has any:
 * one firewall range for all GB media; null: ephemeral ports).
 */
export function uplinkMediaHook(
  config: { host: string; gbSipHost?: string | undefined; gbMediaIp?: string | undefined },
  log: { child(b: object): NonNullable<UplinkMediaOptions["log"]> },
  ports: Pick<PortPool, "take" | "release"> | null = null,
): (core: unknown, registry: StreamRegistry) => UplinkMedia {
  const bindHost = config.gbSipHost ?? config.host;
  return (_core, registry) =>
    new UplinkMedia({
      registry,
      bindHost,
      ports,
      mediaIp: config.gbMediaIp ?? bindHost,
      log: log.child({ part: "uplink-media" }),
    });
}
