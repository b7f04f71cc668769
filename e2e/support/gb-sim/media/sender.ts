// GB simulator, media: plays encoded frames in real time as PS over RTP to the platform — over UDP, over TCP
// connecting to the platform (the offer said a=setup:passive: it listens), or over TCP accepting the
// platform's connection (a=setup:active: we listen, RFC 4571 framing either way). Loops the clip with
// timestamps that keep rising. Owns its sockets and timer; stop() releases them.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect, createServer, type Server, type Socket } from "node:net";
import type { SimCodec, SimFrame } from "./encode";
import type { LiveFrames } from "./live";
import { muxFrame } from "./psMux";
import { type Impairment, liveImpairer, newSender, packetize, packetizeH264, seeded, tcpFrame } from "./rtp";

export interface SendTarget {
  mode: "udp" | "tcp-connect" | "tcp-listen";
  host: string;
  port: number;
  ssrc: number;
  /** Optional network trouble (UDP only). */
  impairment?: Impairment;
  /** Send from this source port (UDP), to test the platform's source check. */
  fromPort?: number;
  /** PS (payload 96, the default) or raw H.264 per RFC 6184 (payload 98), as the device's answer said. */
  payload?: "ps" | "h264";
}

export class MediaSender {
  private udp: UdpSocket | null = null;
  private tcp: Socket | null = null;
  private server: Server | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private index = 0;
  /** The next frame's 90 kHz timestamp: it keeps rising across loops and forced key frames. */
  private pts90 = 0;
  packetsSent = 0;
  /** Port we listen on (tcp-listen), known after start. */
  listenPort = 0;

  constructor(
    /** A clip looped in real time, or a live encoder's frames (sent as they come, from a key frame on). */
    private readonly frames: SimFrame[] | LiveFrames,
    private readonly codec: SimCodec,
    private readonly fps = 25,
  ) {}

  async start(t: SendTarget): Promise<void> {
    const rtp = newSender(t.ssrc);
    if (t.payload === "h264") rtp.payloadType = 98;
    const impair = t.impairment ? liveImpairer(t.impairment, seeded(t.ssrc)) : null;
    let write: (packet: Buffer) => void;
    if (t.mode === "udp") {
      const udp = createSocket("udp4");
      this.udp = udp;
      await new Promise<void>((r) => udp.bind(t.fromPort ?? 0, "127.0.0.1", () => r()));
      write = (p) => udp.send(p, t.port, t.host);
    } else if (t.mode === "tcp-connect") {
      const sock = connect(t.port, t.host);
      this.tcp = sock;
      sock.on("error", () => {});
      await new Promise<void>((r, j) => {
        sock.once("connect", () => r());
        sock.once("error", j);
      });
      write = (p) => sock.write(tcpFrame(p));
    } else {
      const server = createServer((s) => {
        this.tcp ??= s;
        s.on("error", () => {});
      });
      this.server = server;
      await new Promise<void>((r) => server.listen(t.port, "127.0.0.1", () => r()));
      const a = server.address();
      this.listenPort = typeof a === "object" && a ? a.port : 0;
      write = (p) => this.tcp?.write(tcpFrame(p));
    }
    const send = (f: SimFrame, pts: number) => {
      let packets =
        t.payload === "h264"
          ? packetizeH264(rtp, f.nals, pts)
          : packetize(rtp, muxFrame({ ...f, pts90: pts }, { codec: this.codec, maxPes: 8000 }), pts);
      if (impair) packets = impair(packets);
      for (const p of packets) write(p);
      this.packetsSent += packets.length;
    };
    const frames = this.frames;
    if (!Array.isArray(frames)) {
      let started = false;
      this.unsubscribe = frames.subscribe((f) => {
        started ||= f.key;
        if (started) send(f, f.pts90);
      });
      return;
    }
    const frameTicks = 90_000 / this.fps;
    const tick = () => {
      const f = frames[this.index]!;
      send(f, Math.round(this.pts90));
      this.pts90 += frameTicks;
      this.index = (this.index + 1) % frames.length;
    };
    tick(); // a device starts its stream with the key frame it has, not one frame interval later
    this.timer = setInterval(tick, 1000 / this.fps);
  }

  /**
   * IFameCmd: an encoder asked for a key frame makes its next frame one. A clip's only key frames are its
   * GOP starts, so the clip goes on from its first frame (a live encoder's frames are sent as they come).
   */
  keyFrame(): void {
    if (Array.isArray(this.frames)) this.index = 0;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.tcp?.destroy();
    this.tcp = null;
    const udp = this.udp;
    this.udp = null;
    if (udp) await new Promise<void>((r) => udp.close(() => r()));
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}
