// GB simulator, device playback: what an NVR sends for `s=Playback` — its recording from the asked start,
// here a test pattern with the recording's time burned in (bureau local time, to the second), encoded and
// muxed to MPEG-PS by ffmpeg itself (`-f mpeg`: MPEG-1 pack headers, 2 KB packs, no PSM) and paced in real
// time (`-re`), each pack sent as RTP (timestamp: the pack's SCR) over UDP or TCP (the device connects,
// RFC 4571). When the clip reaches the asked end ffmpeg exits and `onFinished` runs (the device then says
// MediaStatus 121). Shares no code with the gateway. Owns its ffmpeg process and socket; stop() ends both.
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

export function playbackArgs(t: Pick<PlaybackTarget, "from" | "to" | "tzOffsetMin">): string[] {
  const seconds = Math.max(1, Math.min(t.to - t.from, 3600));
  const clock = `%{pts\\:gmtime\\:${t.from + t.tzOffsetMin * 60}\\:%Y-%m-%d %H\\\\\\:%M\\\\\\:%S}`;
  const font = existsSync(FONT) ? `fontfile=${FONT}:` : "";
  return [
    ...["-hide_banner", "-loglevel", "error", "-nostdin", "-re"],
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
    ...["-f", "mpeg", "pipe:1"],
  ];
}

export class PlaybackSender {
  private proc: ChildProcess | null = null;
  private udp: UdpSocket | null = null;
  private tcp: Socket | null = null;
  private stopped = false;
  packetsSent = 0;

  constructor(private readonly onFinished: () => void) {}

  async start(t: PlaybackTarget): Promise<void> {
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
    const send = (pack: Buffer) => {
      const packets = packetize(rtp, pack, scrOf(pack), false);
      for (const p of packets) write(p);
      this.packetsSent += packets.length;
    };
    const proc = spawn(t.ffmpeg ?? "/usr/bin/ffmpeg", playbackArgs(t), { stdio: ["ignore", "pipe", "ignore"] });
    this.proc = proc;
    let rest = Buffer.alloc(0);
    proc.stdout?.on("data", (chunk: Buffer) => {
      rest = Buffer.concat([rest, chunk]);
      let start = nextPack(rest, 0);
      for (;;) {
        const next = start < 0 ? -1 : nextPack(rest, start + 4);
        if (next < 0) break;
        send(rest.subarray(start, next));
        start = next;
      }
      rest = start < 0 ? Buffer.alloc(0) : rest.subarray(start);
    });
    proc.on("close", () => {
      this.proc = null;
      if (this.stopped) return;
      const end = rest.indexOf(Buffer.from([0, 0, 1, 0xb9]));
      if (rest.length > 0) send(end >= 0 ? rest.subarray(0, end) : rest);
      this.onFinished();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const proc = this.proc;
    if (proc) {
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
