// A minimal MPEG-TS muxer (ISO/IEC 13818-1) for ONE video stream: how the transcoder hands our access
// units (AVCC, ms timestamps) to ffmpeg on a pipe with their timestamps intact. PAT + PMT before every key
// frame, the decoder's parameter sets (from avcC/hvcC) in-band before every key frame, one PES per access
// unit with PTS and DTS, a PCR on each PES start. Pure bytes out; never throws on well-formed units.
import type { VideoTrack } from "../media/types";
import { annexB, crc32Mpeg as crc32, timestamp } from "../ps/write";

export { parameterSets } from "../ps/write";

const PACKET = 188;
const PMT_PID = 0x1000;
const VIDEO_PID = 0x100;

export class TsMuxer {
  private readonly cc = new Map<number, number>();

  constructor(private readonly track: VideoTrack) {}

  /** One access unit (4-byte length-prefixed NAL units), ms timestamps → TS packets. */
  unit(dtsMs: number, ptsMs: number, key: boolean, data: Buffer): Buffer {
    const nals = annexB(this.track, key, data);
    const dts = Math.round(dtsMs * 90);
    const pts = Math.round(ptsMs * 90);
    const header = Buffer.concat([
      Buffer.from([0, 0, 1, 0xe0, 0, 0, 0x80, 0xc0, 10]),
      timestamp(3, pts),
      timestamp(1, dts),
    ]);
    const pes = Buffer.concat([header, ...nals]);
    const packets = key ? [this.psi(0, this.pat()), this.psi(PMT_PID, this.pmt())] : [];
    return Buffer.concat([...packets, ...this.packetize(VIDEO_PID, pes, dts)]);
  }

  private pat(): Buffer {
    return this.section(0x00, 1, Buffer.from([0, 1, 0xe0 | (PMT_PID >> 8), PMT_PID & 0xff]));
  }

  private pmt(): Buffer {
    const type = this.track.codec === "h264" ? 0x1b : 0x24;
    const body = Buffer.from([
      0xe0 | (VIDEO_PID >> 8),
      VIDEO_PID & 0xff,
      0xf0,
      0, // PCR PID, no program info
      type,
      0xe0 | (VIDEO_PID >> 8),
      VIDEO_PID & 0xff,
      0xf0,
      0,
    ]);
    return this.section(0x02, 1, body);
  }

  /** A PSI section (with its CRC) after the pointer field. */
  private section(tableId: number, idExt: number, body: Buffer): Buffer {
    const length = 5 + body.length + 4;
    const head = Buffer.from([tableId, 0xb0 | (length >> 8), length & 0xff, idExt >> 8, idExt & 0xff, 0xc1, 0, 0]);
    const s = Buffer.concat([head, body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(s));
    return Buffer.concat([Buffer.from([0]), s, crc]);
  }

  private psi(pid: number, payload: Buffer): Buffer {
    const pkt = Buffer.alloc(PACKET, 0xff);
    pkt.set([0x47, 0x40 | (pid >> 8), pid & 0xff, 0x10 | this.next(pid)]);
    payload.copy(pkt, 4);
    return pkt;
  }

  private packetize(pid: number, pes: Buffer, dts: number): Buffer[] {
    const out: Buffer[] = [];
    let p = 0;
    let first = true;
    while (p < pes.length) {
      const pkt = Buffer.alloc(PACKET, 0xff);
      pkt[0] = 0x47;
      pkt[1] = (first ? 0x40 : 0) | (pid >> 8);
      pkt[2] = pid & 0xff;
      // Adaptation field: a PCR on the PES start, stuffing to fill the last packet.
      const pcr = first ? 6 : 0;
      const room = PACKET - 4;
      const want = pes.length - p;
      let af = pcr > 0 ? 2 + pcr : 0;
      if (want < room - af) af = room - want; // stuffing (an empty field is 1 byte: its length 0)
      pkt[3] = (af > 0 ? 0x30 : 0x10) | this.next(pid);
      if (af > 0) {
        pkt[4] = af - 1;
        if (af > 1) {
          pkt[5] = pcr > 0 ? 0x10 : 0;
          if (pcr > 0) {
            const base = (((dts - 9000) % 2 ** 33) + 2 ** 33) % 2 ** 33; // PCR a little ahead of the DTS
            pkt.writeUInt32BE(Math.floor(base / 2), 6);
            pkt[10] = ((base & 1) << 7) | 0x7e;
            pkt[11] = 0;
          }
        }
      }
      const n = Math.min(want, room - af);
      pes.copy(pkt, 4 + af, p, p + n);
      out.push(pkt);
      p += n;
      first = false;
    }
    return out;
  }

  private next(pid: number): number {
    const c = ((this.cc.get(pid) ?? -1) + 1) & 0x0f;
    this.cc.set(pid, c);
    return c;
  }
}
