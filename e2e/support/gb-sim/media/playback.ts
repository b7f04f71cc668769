// GB simulator, device playback: what an NVR sends for `s=Playback` — its recording from the asked start,
// here a test pattern with the recording's time burned in (bureau local time, to the second), encoded and
// muxed to MPEG-PS by ffmpeg itself (`-f mpeg`: MPEG-1 pack headers, 2 KB packs, no PSM) as fast as it
// goes, its timestamps the recording's position (`-output_ts_offset`), and paced here by each pack's SCR:
// in real time at Scale 1, `scale` times faster after a MANSRTSP `PLAY` with `Scale` (every frame, sooner,
// with the recording's own timestamps), held on `PAUSE`, and re-encoded from the new position on a
// `Range: npt=` seek. Each pack is sent as RTP (timestamp: the pack's SCR) over UDP or TCP (the device
// connects, RFC 4571). When the clip reaches the asked end `onFinished` runs (the device then says
// MediaStatus 121). Shares no code with the gateway. Owns its ffmpeg process, pacing timer and socket;
// stop() ends them.
import { type ChildProcess, spawn } from "node:child_process";
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { existsSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { newSender, packetize, tcpFrame } from "./rtp";

export interface PlaybackTarget {
  mode: "udp" | "tcp-connect";
  host: string;
  port: number;
  ssrc: number;
  /** Recording time of the first frame and of the end, unix seconds (the INVITE's t=). */
  from: number;
  to: number;
  /** The bureau's zone, minutes east of UTC: the burned-in time is its local time. */
  tzOffsetMin: number;
  ffmpeg?: string;
}

const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

/** Pack start code 00 00 01 BA. */
function nextPack(b: Buffer, from: number): number {
  for (let i = from; i + 3 < b.length; i++)
    if (b[i] === 0 && b[i + 1] === 0 && b[i + 2] === 1 && b[i + 3] === 0xba) return i;
  return -1;
}

/** System clock reference of a pack header, 90 kHz (MPEG-1 `0010` or MPEG-2 `01` layout). */
export function scrOf(pack: Buffer): number {
  const b = pack.subarray(4, 10);
  if (b.length < 6) return 0;
  if ((b[0]! & 0xf0) === 0x20)
    return ((b[0]! >> 1) & 0x07) * 2 ** 30 + ((b[1]! << 7) | (b[2]! >> 1)) * 2 ** 15 + ((b[3]! << 7) | (b[4]! >> 1));
  return (
    ((b[0]! >> 3) & 0x07) * 2 ** 30 +
    (((b[0]! & 0x03) << 13) | (b[1]! << 5) | (b[2]! >> 3)) * 2 ** 15 +
    (((b[2]! & 0x03) << 13) | (b[3]! << 5) | (b[4]! >> 3))
  );
}

/** ffmpeg's arguments for the recording from `atS` seconds into the playback (0: its start). */
export function playbackArgs(t: Pick<PlaybackTarget, "from" | "to" | "tzOffsetMin">, atS = 0): string[] {
  const seconds = Math.max(1, Math.min(t.to - t.from - atS, 3600));
  const clock = `%{pts\\:gmtime\\:${t.from + atS + t.tzOffsetMin * 60}\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}`;
  const font = existsSync(FONT) ? `fontfile=${FONT}:` : "";
  return [
    ...["-hide_banner", "-loglevel", "error", "-nostdin"],
    ...["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", String(seconds)],
    ...["-vf", `drawtext=${font}text='${clock}':fontsize=18:fontcolor=white:box=1:boxcolor=black@0.6:x=8:y=8`],
    ...[
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-tune",
      "zerolatency",
      "-g",
      "25",
      "-bf",
      "0",
      "-pix_fmt",
      "yuv420p",
    ],
    ...["-output_ts_offset", String(atS), "-f", "mpeg", "pipe:1"],
  ];
}

/** Where the pacing stands: media time (ms since the playback's start) at a wall instant, and the speed. */
interface Pace {
  mediaMs: number;
  wallMs: number;
  scale: number;
  paused: boolean;
}

const QUEUE_HIGH = 4000;
const QUEUE_LOW = 1000;

export class PlaybackSender {
  private proc: ChildProcess | null = null;
  private udp: UdpSocket | null = null;
  private tcp: Socket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private target: PlaybackTarget | null = null;
  private send: (pack: Buffer) => void = () => {};
  /** Packs encoded and not yet due, with their time (ms since the playback's start). */
  private queue: { ms: number; pack: Buffer }[] = [];
  private encoded = false;
  private epoch = 0;
  private pace: Pace = { mediaMs: 0, wallMs: Date.now(), scale: 1, paused: false };
  packetsSent = 0;
  /** Media time of the last pack sent (ms since the playback's start). */
  sentMs = 0;

  constructor(private readonly onFinished: () => void) {}

  get scale(): number {
    return this.pace.scale;
  }

  async start(t: PlaybackTarget): Promise<void> {
    this.target = t;
    let write: (p: Buffer) => void;
    if (t.mode === "udp") {
      const udp = createSocket("udp4");
      this.udp = udp;
      await new Promise<void>((r) => udp.bind(0, "127.0.0.1", () => r()));
      write = (p) => udp.send(p, t.port, t.host);
    } else {
      const sock = connect(t.port, t.host);
      this.tcp = sock;
      sock.on("error", () => {});
      await new Promise<void>((r, j) => {
        sock.once("connect", () => r());
        sock.once("error", j);
      });
      write = (p) => sock.write(tcpFrame(p));
    }
    const rtp = newSender(t.ssrc);
    this.send = (pack: Buffer) => {
      const packets = packetize(rtp, pack, scrOf(pack), false);
      for (const p of packets) write(p);
      this.packetsSent += packets.length;
    };
    // A PLAY with Scale may come right after the ACK, before the socket is ready: its speed is kept.
    this.pace = { ...this.pace, mediaMs: 0, wallMs: Date.now() };
    this.encodeFrom(0);
    this.timer = setInterval(() => this.drain(), 10);
  }

  /** MANSRTSP PLAY: a new speed (from where it is now) and/or a new position (seconds from the start). */
  play(o: { scale?: number; rangeFromS?: number }): void {
    const now = Date.now();
    if (!this.target) {
      this.pace = { ...this.pace, scale: o.scale ?? this.pace.scale, paused: false };
      return;
    }
    const at = o.rangeFromS !== undefined ? o.rangeFromS * 1000 : this.position(now);
    this.pace = { mediaMs: at, wallMs: now, scale: o.scale ?? this.pace.scale, paused: false };
    if (o.rangeFromS !== undefined) this.encodeFrom(o.rangeFromS);
  }

  /** MANSRTSP PAUSE: nothing more is sent until the next PLAY. */
  pause(): void {
    const now = Date.now();
    this.pace = { ...this.pace, mediaMs: this.position(now), wallMs: now, paused: true };
  }

  private position(now: number): number {
    const p = this.pace;
    return p.paused ? p.mediaMs : p.mediaMs + (now - p.wallMs) * p.scale;
  }

  /** (Re)starts the encoder at `atS` seconds into the playback; packs of an earlier run are dropped. */
  private encodeFrom(atS: number): void {
    const t = this.target;
    if (!t) return;
    const epoch = ++this.epoch;
    this.proc?.kill("SIGKILL");
    this.queue = [];
    this.encoded = false;
    const proc = spawn(t.ffmpeg ?? "/usr/bin/ffmpeg", playbackArgs(t, atS), { stdio: ["ignore", "pipe", "ignore"] });
    this.proc = proc;
    let rest = Buffer.alloc(0);
    const push = (pack: Buffer) => {
      this.queue.push({ ms: scrOf(pack) / 90, pack });
      if (this.queue.length > QUEUE_HIGH) proc.stdout?.pause();
    };
    proc.stdout?.on("data", (chunk: Buffer) => {
      if (epoch !== this.epoch) return;
      rest = Buffer.concat([rest, chunk]);
      let start = nextPack(rest, 0);
      for (;;) {
        const next = start < 0 ? -1 : nextPack(rest, start + 4);
        if (next < 0) break;
        push(rest.subarray(start, next));
        start = next;
      }
      rest = start < 0 ? Buffer.alloc(0) : rest.subarray(start);
    });
    proc.on("close", () => {
      if (epoch !== this.epoch) return;
      this.proc = null;
      const end = rest.indexOf(Buffer.from([0, 0, 1, 0xb9]));
      if (rest.length > 0) push(end >= 0 ? rest.subarray(0, end) : rest);
      this.encoded = true;
    });
  }

  /** Sends every pack that is due at the current pace; at the end of the clip, onFinished. */
  private drain(): void {
    if (this.stopped) return;
    const due = this.position(Date.now());
    let n = 0;
    while (this.queue.length > 0 && this.queue[0]!.ms <= due) {
      const { ms, pack } = this.queue.shift()!;
      this.send(pack);
      this.sentMs = ms;
      n++;
    }
    if (n > 0 && this.queue.length < QUEUE_LOW) this.proc?.stdout?.resume();
    if (this.encoded && this.queue.length === 0) {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      this.encoded = false;
      this.onFinished();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.epoch++;
    const proc = this.proc;
    this.proc = null;
    if (proc && proc.exitCode === null) {
      const closed = new Promise<void>((r) => proc.once("close", () => r()));
      proc.kill("SIGKILL");
      await closed;
    }
    this.tcp?.destroy();
    this.tcp = null;
    const udp = this.udp;
    this.udp = null;
    if (udp) await new Promise<void>((r) => udp.close(() => r()));
  }
}
