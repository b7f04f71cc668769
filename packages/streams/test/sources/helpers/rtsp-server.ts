// A test-only RTSP server (RFC 2326 subset: OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN;
// RTP/AVP/TCP interleaved only) that loops one H.264 clip in real time, RFC 6184 packetization
// (single NAL units and FU-A). Exists because no RTSP server is installed and ffmpeg 5.1 cannot serve
// RTSP PLAY. close() is "the camera goes away": every client socket is destroyed.
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import type { TestClip } from "./h264-clip";

const MTU = 1200;

export class TestRtspServer {
  private server: Server | null = null;
  private readonly clients = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  playing = 0;

  constructor(private readonly clip: TestClip) {}

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  listen(port = 0): Promise<number> {
    const server = createServer((s) => this.onClient(s));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve(this.port));
    });
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
    for (const c of this.clients) c.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  private onClient(socket: Socket): void {
    this.clients.add(socket);
    socket.on("error", () => {});
    let buf = Buffer.alloc(0);
    let timer: NodeJS.Timeout | null = null;
    const stopTimer = () => {
      if (!timer) return;
      clearInterval(timer);
      this.timers.delete(timer);
      this.playing--;
      timer = null;
    };
    socket.on("close", () => {
      this.clients.delete(socket);
      stopTimer();
    });
    socket.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf[0] === 0x24) {
          // interleaved RTCP from the client: skip
          if (buf.length < 4 || buf.length < 4 + buf.readUInt16BE(2)) return;
          buf = buf.subarray(4 + buf.readUInt16BE(2));
          continue;
        }
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buf.subarray(0, end).toString();
        const len = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (buf.length < end + 4 + len) return;
        buf = buf.subarray(end + 4 + len);
        const [method = "", url = ""] = head.split(" ");
        const cseq = /cseq:\s*(\d+)/i.exec(head)?.[1] ?? "0";
        const reply = (headers: string[], body = "") =>
          socket.write(
            [
              `RTSP/1.0 200 OK`,
              `CSeq: ${cseq}`,
              ...headers,
              `Content-Length: ${Buffer.byteLength(body)}`,
              "",
              body,
            ].join("\r\n"),
          );
        if (method === "OPTIONS") reply(["Public: OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN"]);
        else if (method === "DESCRIBE") reply([`Content-Base: ${url}/`, "Content-Type: application/sdp"], this.sdp());
        else if (method === "SETUP")
          reply(["Transport: RTP/AVP/TCP;unicast;interleaved=0-1", "Session: 42;timeout=60"]);
        else if (method === "PLAY") {
          reply(["Session: 42", "Range: npt=0.000-"]);
          if (!timer) {
            timer = this.play(socket);
            this.timers.add(timer);
            this.playing++;
          }
        } else {
          reply(["Session: 42"]);
          if (method === "TEARDOWN") stopTimer();
        }
      }
    });
  }

  private sdp(): string {
    const { sps, pps } = paramSets(this.clip.video.config);
    const pli = sps.subarray(1, 4).toString("hex");
    return [
      "v=0",
      "o=- 0 0 IN IP4 127.0.0.1",
      "s=cw test camera",
      "c=IN IP4 127.0.0.1",
      "t=0 0",
      "m=video 0 RTP/AVP 96",
      "a=rtpmap:96 H264/90000",
      `a=fmtp:96 packetization-mode=1;profile-level-id=${pli};sprop-parameter-sets=${sps.toString("base64")},${pps.toString("base64")}`,
      "a=control:trackID=0",
      "",
    ].join("\r\n");
  }

  private play(socket: Socket): NodeJS.Timeout {
    const { sps, pps } = paramSets(this.clip.video.config);
    const t0 = Date.now();
    let i = 0;
    let seq = 0;
    const send = (payload: Buffer, ts: number, marker: boolean) => {
      const rtp = Buffer.alloc(12 + payload.length);
      rtp[0] = 0x80;
      rtp[1] = (marker ? 0x80 : 0) | 96;
      rtp.writeUInt16BE(seq++ & 0xffff, 2);
      rtp.writeUInt32BE(ts >>> 0, 4);
      rtp.writeUInt32BE(0x1234abcd, 8);
      payload.copy(rtp, 12);
      const frame = Buffer.alloc(4);
      frame[0] = 0x24;
      frame.writeUInt16BE(rtp.length, 2);
      socket.write(Buffer.concat([frame, rtp]));
    };
    return setInterval(() => {
      const { aus, durationMs } = this.clip;
      for (;;) {
        const loop = Math.floor(i / aus.length);
        const au = aus[i % aus.length]!;
        const at = loop * durationMs + au.dts;
        if (at > Date.now() - t0) return;
        const nals = splitAvcc(au.data);
        if (au.key) nals.unshift(sps, pps);
        nals.forEach((nal, n) => {
          const ts = (at + au.pts - au.dts) * 90;
          const last = n === nals.length - 1;
          if (nal.length <= MTU) {
            send(nal, ts, last);
            return;
          }
          for (let p = 1; p < nal.length; p += MTU) {
            const startBit = p === 1 ? 0x80 : 0;
            const endBit = p + MTU >= nal.length ? 0x40 : 0;
            const fu = Buffer.from([(nal[0]! & 0xe0) | 28, startBit | endBit | (nal[0]! & 0x1f)]);
            send(Buffer.concat([fu, nal.subarray(p, p + MTU)]), ts, last && endBit !== 0);
          }
        });
        i++;
      }
    }, 10);
  }
}

function splitAvcc(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let p = 0; p + 4 <= data.length; ) {
    const len = data.readUInt32BE(p);
    out.push(data.subarray(p + 4, p + 4 + len));
    p += 4 + len;
  }
  return out;
}

function paramSets(avcc: Buffer): { sps: Buffer; pps: Buffer } {
  const spsLen = avcc.readUInt16BE(6);
  const sps = avcc.subarray(8, 8 + spsLen);
  const ppsAt = 8 + spsLen + 1;
  const pps = avcc.subarray(ppsAt + 2, ppsAt + 2 + avcc.readUInt16BE(ppsAt));
  return { sps, pps };
}
