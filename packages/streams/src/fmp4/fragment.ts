// One CMAF fragment (moof + mdat) for a part: one traf per track (muxed single rendition), tfhd with
// default-base-is-moof, tfdt v1, trun v1 with data offset and per-sample duration/size/flags/composition
// offset. Written straight into one Buffer sized up front: the only per-part allocation. Never keeps a
// reference to the sample data it copies.

export interface FragmentSample {
  data: Buffer;
  /** In the track's timescale. */
  duration: number;
  /** Composition time offset (pts - dts) in the track's timescale; may be negative. */
  cto: number;
  key: boolean;
}

export interface TrackRun {
  trackId: number;
  /** Decode time of the first sample, in the track's timescale. */
  baseDecodeTime: number;
  samples: readonly FragmentSample[];
}

/** sample_depends_on=2 (an I frame): a sync sample. */
export const KEY_SAMPLE_FLAGS = 0x02000000;
/** sample_depends_on=1, sample_is_non_sync_sample=1. */
export const DELTA_SAMPLE_FLAGS = 0x01010000;
/** data-offset, sample duration, size, flags and composition time offset present. */
const TRUN_FLAGS = 0x000f01;
const TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;

export function fragment(sequence: number, runs: readonly TrackRun[]): Buffer {
  let moofSize = 8 + 16; // moof header + mfhd
  let mdatSize = 8;
  for (const run of runs) {
    moofSize += 8 + 16 + 20 + 20 + 16 * run.samples.length; // traf, tfhd, tfdt v1, trun v1
    for (const s of run.samples) mdatSize += s.data.length;
  }
  const out = Buffer.allocUnsafe(moofSize + mdatSize);
  let o = header(out, 0, moofSize, "moof");
  o = header(out, o, 16, "mfhd");
  o = out.writeUInt32BE(0, o);
  o = out.writeUInt32BE(sequence >>> 0, o);
  let dataOffset = moofSize + 8;
  for (const run of runs) {
    const n = run.samples.length;
    o = header(out, o, 8 + 16 + 20 + 20 + 16 * n, "traf");
    o = header(out, o, 16, "tfhd");
    o = out.writeUInt32BE(TFHD_DEFAULT_BASE_IS_MOOF, o);
    o = out.writeUInt32BE(run.trackId, o);
    o = header(out, o, 20, "tfdt");
    o = out.writeUInt32BE(0x01000000, o);
    o = out.writeBigUInt64BE(BigInt(Math.max(0, Math.round(run.baseDecodeTime))), o);
    o = header(out, o, 20 + 16 * n, "trun");
    o = out.writeUInt32BE(0x01000000 | TRUN_FLAGS, o);
    o = out.writeUInt32BE(n, o);
    o = out.writeInt32BE(dataOffset, o);
    for (const s of run.samples) {
      o = out.writeUInt32BE(s.duration >>> 0, o);
      o = out.writeUInt32BE(s.data.length, o);
      o = out.writeUInt32BE(s.key ? KEY_SAMPLE_FLAGS : DELTA_SAMPLE_FLAGS, o);
      o = out.writeInt32BE(s.cto | 0, o);
      dataOffset += s.data.length;
    }
  }
  o = header(out, o, mdatSize, "mdat");
  for (const run of runs) for (const s of run.samples) o += s.data.copy(out, o);
  return out;
}

function header(out: Buffer, o: number, size: number, type: string): number {
  o = out.writeUInt32BE(size, o);
  return o + out.write(type, o, 4, "latin1");
}
