// The media plane's internal contract. Every source (RTMP ingest, RTSP relay, simulator) ends as one
// in-process stream of codec config + timestamped access units delivered to a MediaSink; the packager
// is a MediaSink. Nothing here does I/O.
import type { ApiError, Codec, Rendition, StreamHealth, Variant } from "@cw/protocol";
import type { SegmentInfo } from "../hls/types";

/** Video codec configuration as carried in FLV/MP4: the decoder configuration record. */
export interface VideoTrack {
  codec: "h264" | "h265";
  /** AVCDecoderConfigurationRecord (avcC) or HEVCDecoderConfigurationRecord (hvcC), bytes as in FLV. */
  config: Buffer;
  width: number;
  height: number;
  /** RFC 6381 codec string for CODECS=, e.g. "avc1.64001f" or "hvc1.1.6.L93.B0". */
  codecString: string;
}

export interface AudioTrack {
  codec: "aac";
  /** AudioSpecificConfig bytes. */
  config: Buffer;
  sampleRate: number;
  channels: number;
  /** e.g. "mp4a.40.2". */
  codecString: string;
}

export interface TrackSet {
  video: VideoTrack | null;
  audio: AudioTrack | null;
}

/** One frame. Times in milliseconds on the source's own timeline (may restart at 0 or wrap at 2^32). */
export interface AccessUnit {
  kind: "video" | "audio";
  /** Decode timestamp, ms. */
  dts: number;
  /** Presentation timestamp, ms (dts + composition offset for video; = dts for audio). */
  pts: number;
  /** Video: an IDR / IRAP frame that starts an independent GOP. Audio: always true. */
  key: boolean;
  /** Video: length-prefixed (4-byte) NAL units as in FLV/MP4 ("AVCC"). Audio: one raw AAC frame. */
  data: Buffer;
}

/** What a source writes into. The packager implements it. */
export interface MediaSink {
  /** Codec configuration; at start and whenever it changes (a change implies a discontinuity). */
  config(tracks: TrackSet): void;
  unit(au: AccessUnit): void;
  /** The upstream restarted: the next units are on a new timeline. */
  discontinuity(reason: string): void;
  /** The upstream is gone (camera offline, publisher left). The source may resume later. */
  end(reason: string): void;
  /** What the source learned about itself that is not media (health shows it). Optional. */
  note?(info: SourceNote): void;
}

/** Facts a source reports besides media: e.g. a camera's G.711 audio that is dropped (docs/api/streams.md). */
export interface SourceNote {
  audio?: { codec: string; handling: "passthrough" | "dropped" };
}

/** A running feed of one camera variant. Owned by the stream registry, started on demand. */
export interface Source {
  start(sink: MediaSink): void;
  /** Asks the camera for a key frame now (a GB device: DeviceControl IFameCmd). Best effort; never throws. */
  requestKeyFrame?(): void;
  /** The child process making this stream now (an ffmpeg relay or transcoder), while one runs: health shows it. */
  readonly pid?: number | undefined;
  /** Stops every timer, socket and child process the source owns. Idempotent. */
  stop(): Promise<void>;
}

/** How the registry learns what a camera is; injected by the gateway (the catalogue owns cameras). */
export interface CameraSpec {
  id: string;
  name: string;
  /** Path shown in the picture of simulated cameras, e.g. "盘锦监狱 / 一监区 / 一分监区". */
  label: string;
  source:
    | { kind: "rtmp" }
    | { kind: "rtsp"; url: string; subUrl?: string | undefined; transport?: "tcp" | "udp" | undefined }
    | { kind: "sim" }
    | { kind: "gb28181"; deviceId: string; channelId: string };
  codec: Codec;
  hasSubStream: boolean;
}

export type SourceFactory = (camera: CameraSpec, variant: Variant) => Source;

export interface PlaylistQuery {
  /** _HLS_msn: block until this media sequence number is available. */
  msn?: number | undefined;
  /** _HLS_part: with msn, block until this part of it is available. */
  part?: number | undefined;
  /** _HLS_skip=YES|v2: a delta playlist is acceptable. */
  skip?: boolean | undefined;
  /** Who asked (e.g. a hash of the session or play token); distinct clients seen recently are the viewers. */
  clientId?: string | undefined;
}

/** A served HLS resource or an error as data (the HTTP edge maps it to 4xx/5xx JSON). */
export type Served<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A segment the packager closed, as recording and the replay buffer receive it. */
export interface SegmentEvent {
  cameraId: string;
  /** The variant actually packaged (a camera without a sub stream packages "main" for both). */
  variant: Variant;
  /** Distinct per started stream: a new value means a new packager, so a new output timeline. */
  stream: number;
  segment: SegmentInfo;
  /** The init segment that decodes `segment` (init-<segment.initVersion>.mp4). */
  init: Buffer;
}

/** The gateway's view of the media plane: on-demand packaging of any camera. */
export interface StreamRegistry {
  /**
   * Playlist text. Starts the camera's source if idle (on demand). Blocks per LL-HLS rules. A rendition is
   * a variant (the camera's own stream) or an H.264 transcode of it ("main-h264", "sub-h264").
   */
  playlist(cameraId: string, variant: Rendition, query: PlaylistQuery, signal?: AbortSignal): Promise<Served<string>>;
  /** `version` is the <v> of init-<v>.mp4 (the playlist names it); omitted = the current one. */
  init(cameraId: string, variant: Rendition, signal?: AbortSignal, version?: number): Promise<Served<Buffer>>;
  segment(cameraId: string, variant: Rendition, msn: number, signal?: AbortSignal): Promise<Served<Buffer>>;
  /** Blocks until the part exists when it is the one the preload hint names. */
  part(cameraId: string, variant: Rendition, msn: number, part: number, signal?: AbortSignal): Promise<Served<Buffer>>;
  /**
   * Starts a rendition now (a transcode is started by the play request that chose it): `transcode_full`
   * when TRANSCODE_MAX transcodes already run, `not_found` when transcoding is not configured.
   */
  start(cameraId: string, rendition: Rendition): Promise<Served<true>>;
  /** Health of every active stream. */
  health(): StreamHealth[];
  /** Called whenever a stream's state changes and at least every second while any is active. */
  onHealth(listener: (changed: StreamHealth[]) => void): () => void;
  /** Counters for /metrics. */
  stats(): {
    bytesIn: number;
    bytesOut: number;
    packagerErrors: number;
    /** Transcodes running and the budget (TRANSCODE_MAX; 0 = transcoding off). */
    transcodes: { running: number; max: number };
  };
  /** Every segment any running stream closes, synchronously on the media path: listeners must not block. */
  onSegment(listener: (e: SegmentEvent) => void): () => void;
  /**
   * Keeps (camera, variant) running without viewers (a recording plan): started now, never stopped for
   * idleness, restarted by the housekeeping tick after any stop. Returns the release; holds count.
   */
  hold(cameraId: string, variant: Variant): () => void;
  /**
   * Delivers (camera, variant)'s source events to `sink` — its config, every access unit, discontinuities and
   * ends — as the packager gets them: the same source the HLS streams read, started now if idle and kept
   * running (like `hold`) until the release; a restart of the source re-attaches the sink. For media sent
   * elsewhere (an upper platform's INVITE, uplink/media.ts). Sinks must not block: they run on the media path.
   */
  tap(cameraId: string, variant: Variant, sink: MediaSink): Promise<Served<() => void>>;
  /**
   * The camera's multivariant playlist: every rendition with CODECS and RESOLUTION (its source renditions
   * are started on demand to learn them). URIs are "<rendition>/index.m3u8", relative to it.
   */
  multivariant(cameraId: string, signal?: AbortSignal): Promise<Served<string>>;
  /** Stop one camera's streams (e.g. the camera was edited or removed). */
  stopCamera(cameraId: string): Promise<void>;
  close(): Promise<void>;
}
