// The CMAF/fMP4 initialization segment: ftyp + moov (one trak per track, empty sample tables, mvex/trex).
// Track ids are fixed (video 1, audio 2) so fragments never need the init to find them. Pure: bytes in,
// bytes out; never looks at media samples.
import type { AudioTrack, TrackSet, VideoTrack } from "../media/types";
import { box, fourcc, fullBox, UNITY_MATRIX, u16, u32, zeros } from "./box";
import { audioSampleEntry, videoSampleEntry } from "./sampleEntry";

export const VIDEO_TRACK_ID = 1;
export const AUDIO_TRACK_ID = 2;
export const VIDEO_TIMESCALE = 90_000;

export function initSegment(tracks: TrackSet): Buffer {
  const traks: Buffer[] = [];
  const trexes: Buffer[] = [];
  if (tracks.video) {
    traks.push(videoTrak(tracks.video));
    trexes.push(trex(VIDEO_TRACK_ID));
  }
  if (tracks.audio) {
    traks.push(audioTrak(tracks.audio));
    trexes.push(trex(AUDIO_TRACK_ID));
  }
  return Buffer.concat([ftyp(), box("moov", mvhd(), ...traks, box("mvex", ...trexes))]);
}

function ftyp(): Buffer {
  return box("ftyp", fourcc("iso5"), u32(0), fourcc("iso5"), fourcc("iso6"), fourcc("cmfc"), fourcc("mp41"));
}

function mvhd(): Buffer {
  return fullBox(
    "mvhd",
    0,
    0,
    u32(0), // creation_time
    u32(0), // modification_time
    u32(1000), // timescale
    u32(0), // duration: unknown (fragmented)
    u32(0x00010000), // rate 1.0
    u16(0x0100), // volume 1.0
    zeros(10), // reserved
    UNITY_MATRIX,
    zeros(24), // pre_defined
    u32(AUDIO_TRACK_ID + 1), // next_track_ID
  );
}

function tkhd(trackId: number, audio: boolean, width: number, height: number): Buffer {
  return fullBox(
    "tkhd",
    0,
    3, // enabled | in_movie
    u32(0),
    u32(0),
    u32(trackId),
    u32(0), // reserved
    u32(0), // duration
    zeros(8), // reserved
    u16(0), // layer
    u16(0), // alternate_group
    u16(audio ? 0x0100 : 0), // volume
    u16(0), // reserved
    UNITY_MATRIX,
    u32(width * 0x10000),
    u32(height * 0x10000),
  );
}

function mdhd(timescale: number): Buffer {
  return fullBox("mdhd", 0, 0, u32(0), u32(0), u32(timescale), u32(0), u16(0x55c4 /* "und" */), u16(0));
}

function hdlr(type: "vide" | "soun", name: string): Buffer {
  return fullBox("hdlr", 0, 0, u32(0), fourcc(type), zeros(12), Buffer.from(`${name}\0`, "latin1"));
}

function dinf(): Buffer {
  return box("dinf", fullBox("dref", 0, 0, u32(1), fullBox("url ", 0, 1)));
}

function stbl(entry: Buffer): Buffer {
  return box(
    "stbl",
    fullBox("stsd", 0, 0, u32(1), entry),
    fullBox("stts", 0, 0, u32(0)),
    fullBox("stsc", 0, 0, u32(0)),
    fullBox("stsz", 0, 0, u32(0), u32(0)),
    fullBox("stco", 0, 0, u32(0)),
  );
}

function videoTrak(t: VideoTrack): Buffer {
  const vmhd = fullBox("vmhd", 0, 1, zeros(8));
  const minf = box("minf", vmhd, dinf(), stbl(videoSampleEntry(t)));
  const mdia = box("mdia", mdhd(VIDEO_TIMESCALE), hdlr("vide", "VideoHandler"), minf);
  return box("trak", tkhd(VIDEO_TRACK_ID, false, t.width, t.height), mdia);
}

function audioTrak(t: AudioTrack): Buffer {
  const smhd = fullBox("smhd", 0, 0, zeros(4));
  const minf = box("minf", smhd, dinf(), stbl(audioSampleEntry(t)));
  const mdia = box("mdia", mdhd(t.sampleRate), hdlr("soun", "SoundHandler"), minf);
  return box("trak", tkhd(AUDIO_TRACK_ID, true, 0, 0), mdia);
}

function trex(trackId: number): Buffer {
  return fullBox("trex", 0, 0, u32(trackId), u32(1), u32(0), u32(0), u32(0));
}
