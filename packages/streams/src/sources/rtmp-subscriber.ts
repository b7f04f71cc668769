// An in-process viewer of one NMS stream path. NMS treats it like an HTTP-FLV player (protocol "flv",
// empty ip so it bypasses play auth and the play counters): on attach it receives the FLV header,
// metadata, codec headers and the GOP cache, then live tags through sendBuffer. It demuxes them into
// the MediaSink and turns publisher comings and goings into end()/discontinuity().
// Owns: its demuxer and the publisher-generation bookkeeping. Never touches sockets.
//
// A publish resumed within NMS's grace is a new encoder run, so it is a discontinuity and its timestamps are
// the encoder's own: NMS 4.4.3 shifts each track by that track's last dts of the previous run ("continue the
// timeline"), so a camera that comes back with audio added has video at +4.6 s and audio at +0 — a skew no
// packager can take for the same moment (it broke the timeline on every frame: one-frame segments for
// good). The shift NMS applied is taken off again here, per track, before the packager sees the unit.
import { randomUUID } from "node:crypto";
import { FlvDemuxer } from "../flv/demuxer";
import type { AccessUnit, MediaSink } from "../media/types";
import type { Logger } from "./logger";
import type { NmsBroadcast, NmsSession } from "./nms-bridge";

const TAG_AUDIO = 8;
const TAG_VIDEO = 9;
const WRAP = 2 ** 32;

export class RtmpSubscriber implements NmsSession {
  readonly id = `cw-${randomUUID()}`;
  readonly ip = ""; // empty ip: NMS's marker for an internal session (no play auth, no play count)
  readonly protocol = "flv";
  readonly streamApp = "live";
  readonly streamPath: string;
  streamQuery: Record<string, string> = {};
  isPublisher = false;
  endTime = 0;

  private readonly demuxer: FlvDemuxer;
  /** The publisher session whose tags we are receiving; identity changes mark a new upstream. */
  private publisher: NmsSession | null = null;
  private ended = false;

  constructor(
    readonly streamName: string,
    readonly broadcast: NmsBroadcast,
    private readonly sink: MediaSink,
    log: Logger,
  ) {
    this.streamPath = broadcast.streamPath;
    this.demuxer = new FlvDemuxer({
      tracks: (t) => sink.config(t),
      unit: (au) => sink.unit(this.unshifted(au)),
      error: (e) => log.warn({ stream: streamName, ...e }, "RTMP stream: FLV problem"),
      // AAC passes through; a camera's G.711 is dropped, said once in health (never an error).
      audio: (a) => sink.note?.({ audio: { codec: a.codec, handling: a.carried ? "passthrough" : "dropped" } }),
    });
  }

  sendBuffer = (buffer: Buffer): void => {
    const current = this.broadcast.publisher;
    if (current !== null && current !== this.publisher) {
      // A new publish (a reconnect within NMS's grace, or a fresh one after it): new encoder, new
      // timeline. Re-announce the codec config even if it is byte-identical.
      if (this.publisher !== null || this.ended) this.sink.discontinuity("rtmp publisher reconnected");
      this.demuxer.resetTracks();
      this.publisher = current;
      this.ended = false;
    }
    this.demuxer.push(buffer);
  };

  /** Takes off the per-track offset NMS added to a resumed publish (tags are demuxed as they arrive). */
  private unshifted(au: AccessUnit): AccessUnit {
    const offset = this.broadcast._dtsOffset?.[au.kind === "video" ? TAG_VIDEO : TAG_AUDIO] ?? 0;
    if (!(offset > 0)) return au;
    const dts = (((au.dts - offset) % WRAP) + WRAP) % WRAP;
    return { ...au, dts, pts: dts + (au.pts - au.dts) };
  }

  /** The publisher's connection closed: the stream is gone until someone publishes again. */
  publisherLeft(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.sink.end(reason);
  }

  /** NMS calls close() on sessions it wants gone; an internal viewer is detached by its owner instead. */
  close = (): void => {};
}
