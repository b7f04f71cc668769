// Maps a camera's declared source to a running Source: RTMP push (an ingest subscription on
// "<cameraId>" / "<cameraId>_sub"), RTSP pull (an ffmpeg relay of url / subUrl) or the simulator.
// Owns the simulator's clip library and shared ticker; close() stops them.
import type { Variant } from "@cw/protocol";
import type { CameraSpec, MediaSink, Source, SourceFactory } from "../media/types";
import { type Logger, silentLogger } from "./logger";
import type { RtmpIngest } from "./rtmp-ingest";
import { RtspRelaySource } from "./rtsp-relay";
import { ClipLibrary } from "./sim/clip-library";
import type { SimFps } from "./sim/clip-spec";
import type { SimFont } from "./sim/font";
import { SimSource } from "./sim/sim-source";
import { SharedTicker } from "./sim/ticker";

export interface SourceFactoryOptions {
  ingest: RtmpIngest;
  ffmpegPath: string;
  clipDir: string;
  log?: Logger;
  simFps?: SimFps;
  /** Tests only: force the simulator's font (null = no text). */
  simFont?: SimFont | null;
}

/** A SourceFactory that can also render simulator clips ahead of time and must be closed. */
export type MediaSourceFactory = SourceFactory & {
  /** Renders the clips of simulated cameras in the background, lowest priority. */
  prewarm(cameras: CameraSpec[]): void;
  close(): Promise<void>;
};

/** RTMP stream name of a camera variant: the publish URL is rtmp://<host>/live/<name>?key=<key>. */
export const rtmpStreamName = (cameraId: string, variant: Variant): string =>
  variant === "main" ? cameraId : `${cameraId}_sub`;

/** RTSP URL of a camera variant; a camera without a sub URL serves its main stream for both. */
export const rtspUrl = (source: { url: string; subUrl?: string | undefined }, variant: Variant): string =>
  variant === "sub" && source.subUrl ? source.subUrl : source.url;

class IngestSource implements Source {
  private off: (() => void) | null = null;
  constructor(
    private readonly ingest: RtmpIngest,
    private readonly name: string,
  ) {}
  start(sink: MediaSink): void {
    this.off ??= this.ingest.subscribe(this.name, sink);
  }
  async stop(): Promise<void> {
    this.off?.();
    this.off = null;
  }
}

/** A source that cannot run here: it says why at once (the tile shows it). */
const unavailable = (reason: string): Source => ({
  start: (sink) => sink.end(reason),
  stop: async () => {},
});

export function createSourceFactory(opts: SourceFactoryOptions): MediaSourceFactory {
  const log = opts.log ?? silentLogger;
  const library = new ClipLibrary({
    ffmpegPath: opts.ffmpegPath,
    clipDir: opts.clipDir,
    log,
    ...(opts.simFps ? { fps: opts.simFps } : {}),
    ...(opts.simFont !== undefined ? { font: opts.simFont } : {}),
  });
  const ticker = new SharedTicker();
  const factory = (camera: CameraSpec, variant: Variant): Source => {
    const source = camera.source;
    switch (source.kind) {
      case "rtmp":
        return new IngestSource(opts.ingest, rtmpStreamName(camera.id, variant));
      case "rtsp":
        return new RtspRelaySource({
          url: rtspUrl(source, variant),
          ...(source.transport ? { transport: source.transport } : {}),
          ffmpegPath: opts.ffmpegPath,
          log,
          name: `${camera.id}/${variant}`,
        });
      case "sim":
        return new SimSource(camera, variant, library, ticker, log);
      case "gb28181":
        // GB cameras need the SIP side, which the gateway composes (it wraps this factory when GB is on).
        return unavailable("GB/T 28181 is not enabled on this gateway (set GB_PASSWORD)");
    }
  };
  return Object.assign(factory, {
    prewarm: (cameras: CameraSpec[]) => library.prewarm(cameras),
    close: async () => {
      ticker.stop();
      await library.close();
    },
  });
}
