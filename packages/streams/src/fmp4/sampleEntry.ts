// Sample descriptions (stsd entries): avc1/hvc1 carrying the decoder configuration record unchanged, and
// mp4a with an esds wrapping the AudioSpecificConfig. Never re-encodes or edits codec configuration.
import type { AudioTrack, VideoTrack } from "../media/types";
import { box, fullBox, u8, u16, u32, zeros } from "./box";

export function videoSampleEntry(track: VideoTrack): Buffer {
  const [entry, record] = track.codec === "h264" ? ["avc1", "avcC"] : ["hvc1", "hvcC"];
  return box(
    entry,
    zeros(6), // reserved
    u16(1), // data_reference_index
    zeros(16), // pre_defined, reserved, pre_defined[3]
    u16(track.width),
    u16(track.height),
    u32(0x00480000), // 72 dpi
    u32(0x00480000),
    u32(0), // reserved
    u16(1), // frame_count
    zeros(32), // compressorname
    u16(0x0018), // depth
    u16(0xffff), // pre_defined = -1
    box(record, track.config),
  );
}

export function audioSampleEntry(track: AudioTrack): Buffer {
  return box(
    "mp4a",
    zeros(6),
    u16(1), // data_reference_index
    zeros(8), // reserved
    u16(track.channels),
    u16(16), // samplesize
    zeros(4), // pre_defined, reserved
    // 16.16 fixed point; rates above 65535 do not fit and decoders take the rate from the esds anyway.
    u32(Math.min(track.sampleRate, 0xffff) * 0x10000),
    esds(track.config),
  );
}

/** ISO/IEC 14496-1 descriptor with its expandable size field. */
function descriptor(tag: number, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const n = body.length;
  const size =
    n < 0x80
      ? u8(n)
      : Buffer.from([0x80 | ((n >> 21) & 0x7f), 0x80 | ((n >> 14) & 0x7f), 0x80 | ((n >> 7) & 0x7f), n & 0x7f]);
  return Buffer.concat([u8(tag), size, body]);
}

function esds(asc: Buffer): Buffer {
  return fullBox(
    "esds",
    0,
    0,
    descriptor(
      0x03, // ES_Descriptor
      u16(0), // ES_ID
      u8(0), // flags
      descriptor(
        0x04, // DecoderConfigDescriptor
        u8(0x40), // objectTypeIndication: MPEG-4 Audio
        u8(0x15), // streamType audio (5) << 2 | reserved 1
        zeros(3), // bufferSizeDB
        u32(0), // maxBitrate
        u32(0), // avgBitrate
        descriptor(0x05, asc), // DecoderSpecificInfo
      ),
      descriptor(0x06, u8(0x02)), // SLConfigDescriptor: predefined MP4
    ),
  );
}
