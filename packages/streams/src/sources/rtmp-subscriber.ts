// An in-process viewer of one NMS stream path. NMS treats it like an HTTP-FLV player (protocol "flv",
// empty ip so it bypasses play auth and the play counters): on attach it receives the FLV header,
// metadata, codec headers and the GOP cache, then live tags through sendBuffer. It demuxes them into
// the MediaSink and turns publisher comings and goings into end()/discontinuity().
// Owns: its demuxer and the publisher-generation bookkeeping. Never touches sockets.
import { randomUUID } from "node:crypto";
import { FlvDemuxer } from "../flv/demuxer";
import type { MediaSink } from "../media/types";
import type { Logger } from "./logger";
import type { NmsBroadcast, NmsSession } from "./nms-bridge";

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
      unit: (au) => sink.unit(au),
      error: (e) => log.warn({ stream: streamName, ...e }, "RTMP stream: FLV problem"),
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

  /** The publisher's connection closed: the stream is gone until someone publishes again. */
  publisherLeft(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.sink.end(reason);
  }

  /** NMS calls close() on sessions it wants gone; an internal viewer is detached by its owner instead. */
  close = (): void => {};
}
