// Streaming MPEG program-stream demuxer (ISO/IEC 13818-1 2.5): bytes in (RTP payloads in order, any
// chunking), program stream maps and whole PES packets out. Skips pack headers, system headers, padding
// and private streams; a PES of unbounded length (0, not allowed in PS but seen) ends at the next start
// code. After bytes went missing (`gap()`) or on garbage it resynchronises on the next pack header or
// video/audio PES start. Never throws: problems are PsError data. Owns no codec knowledge.
import { ByteQueue } from "./byte-queue";
import { PACK_PROBE, type Pes, type PsmEntry, packHeaderLength, parsePes, parsePsm } from "./headers";
import { type PsError, psError } from "./ps-error";
import {
  isAudioStreamId,
  isSystemCode,
  isVideoStreamId,
  PACK_START,
  PROGRAM_END,
  PROGRAM_STREAM_MAP,
} from "./stream-types";

export interface PsDemuxerEvents {
  psm(entries: PsmEntry[]): void;
  pes(pes: Pes): void;
  error(error: PsError): void;
}

/** A PES of unbounded length larger than this is garbage, not a frame. */
const MAX_UNBOUNDED = 4 * 1024 * 1024;

/** Codes a resync may stop at: a pack header or an audio/video PES (not system headers, which can't
 * start a usable run, nor padding, whose start code is too common inside payload bytes). */
const resyncCode = (code: number): boolean => code === PACK_START || isVideoStreamId(code) || isAudioStreamId(code);

export class PsDemuxer {
  private readonly q = new ByteQueue();
  private syncing = false;
  /** Scan position already searched for the end of an unbounded PES. */
  private unboundedScan = 0;

  constructor(private readonly events: PsDemuxerEvents) {}

  /** True when no partial unit is buffered: everything pushed so far has been emitted. */
  get idle(): boolean {
    return this.q.length === 0;
  }

  push(chunk: Buffer): void {
    this.q.push(chunk);
    this.drain();
  }

  /** Bytes were lost before the next push: drop what is buffered and resynchronise. */
  gap(): void {
    this.q.clear();
    this.syncing = true;
    this.unboundedScan = 0;
  }

  private drain(): void {
    const q = this.q;
    for (;;) {
      if (this.syncing && !this.resync()) return;
      if (q.length < 4) return;
      const code = q.at(3);
      if (q.at(0) !== 0 || q.at(1) !== 0 || q.at(2) !== 1 || !isSystemCode(code)) {
        this.lost(`no start code where a PS header should be (byte 0x${Math.max(0, q.at(0)).toString(16)})`);
        continue;
      }
      if (code === PROGRAM_END) {
        q.skip(4);
        continue;
      }
      if (code === PACK_START) {
        const head = q.peek(PACK_PROBE);
        if (!head) return;
        const len = packHeaderLength(head);
        if (!len.ok) {
          this.events.error(len.error);
          this.lost("bad pack header");
          continue;
        }
        if (q.length < len.value) return;
        q.skip(len.value);
        continue;
      }
      if (q.length < 6) return;
      const declared = q.u16(4);
      if (declared === 0 && (isVideoStreamId(code) || isAudioStreamId(code))) {
        if (!this.unbounded()) return;
        continue;
      }
      const unit = q.take(6 + declared);
      if (!unit) return;
      this.unit(code, unit);
    }
  }

  private unit(code: number, unit: Buffer): void {
    if (code === PROGRAM_STREAM_MAP) {
      const psm = parsePsm(unit);
      if (psm.ok) this.events.psm(psm.value);
      else this.events.error(psm.error);
      return;
    }
    if (!isVideoStreamId(code) && !isAudioStreamId(code)) return; // system header, padding, private
    const pes = parsePes(unit);
    if (pes.ok) this.events.pes(pes.value);
    else this.events.error(pes.error);
  }

  /** A PES with length 0 runs to the next start code that can begin a PS unit. */
  private unbounded(): boolean {
    const end = this.q.findStartCode(Math.max(6, this.unboundedScan), (c) => c === PACK_START || isSystemCode(c));
    if (end < 0) {
      this.unboundedScan = Math.max(6, this.q.length - 3);
      if (this.q.length > MAX_UNBOUNDED) this.lost("unbounded PES larger than 4 MB");
      return false;
    }
    this.unboundedScan = 0;
    const unit = this.q.take(end)!;
    this.unit(unit[3]!, unit);
    return true;
  }

  /** Drops bytes up to the next plausible start; true when positioned on one. */
  private resync(): boolean {
    const at = this.q.findStartCode(0, resyncCode);
    if (at < 0) {
      // Keep the last 3 bytes: they may be the start of a start code split across pushes.
      this.q.skip(Math.max(0, this.q.length - 3));
      return false;
    }
    this.q.skip(at);
    this.syncing = false;
    return true;
  }

  private lost(message: string): void {
    this.events.error(psError("ps_sync", message));
    this.q.skip(1);
    this.syncing = true;
    this.unboundedScan = 0;
  }
}
