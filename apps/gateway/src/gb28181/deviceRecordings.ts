// Device recordings of GB cameras for the recording routes (recording/device.ts): RecordInfo answers kept
// for a short while (the wall refreshes a day's timeline every 15 s; an NVR need not be asked each time),
// and playbacks — one DevicePlayback per playback URL handed out, hung up (BYE) when its playlist and files
// have not been asked for in `idleMs` (the viewer left), and all at close. Their files live under
// `RECORD_DIR/.device/`, emptied at start. Owns the sessions and the sweep timer; close() stops both.
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { clipSpans } from "@cw/gb28181";
import type { Camera, PlaybackScale } from "@cw/protocol";
import type { DeviceControl, DeviceFetch, DeviceOpen, DeviceRecordings, DeviceSpans } from "../recording/device";
import { DevicePlayback, type PlaybackContext, type PlaybackMode, type PlaybackTarget } from "./devicePlayback";

export interface DeviceRecordingsOptions {
  ctx: PlaybackContext;
  /** `RECORD_DIR/.device`. */
  root: string;
  /** A playback nobody asked anything of for this long is hung up. */
  idleMs: number;
  /** How long a RecordInfo answer is reused. Default 10 s. */
  cacheMs?: number;
  /** How long a playlist request waits for the first seconds of footage. Default: the media timeout + 3 s. */
  firstSegmentMs?: number;
  /** At most this many playbacks at once (each holds a media port). Default 16. */
  maxSessions?: number;
  /** The speed a fetch asks the device to send at (`a=downloadspeed`, else MANSRTSP Scale). Default 4. */
  fetchSpeed?: PlaybackScale;
}

/** A device offline is the caller's conflict (409), anything else the device's failure (503). */
const statusOf = (reason: string): "conflict" | "unavailable" =>
  reason === "the device is offline" ? "conflict" : "unavailable";

const gbSource = (camera: Camera) => (camera.source.kind === "gb28181" ? camera.source : null);

export class GbDeviceRecordings implements DeviceRecordings {
  private readonly sessions = new Map<string, DevicePlayback>();
  private readonly cache = new Map<string, { at: number; value: Promise<DeviceSpans> }>();
  private sweeper: NodeJS.Timeout | null = null;
  /** Fetches running (evidence of device footage), stopped at close. */
  private readonly fetches = new Set<DevicePlayback>();
  private closing = false;

  constructor(private readonly o: DeviceRecordingsOptions) {}

  async start(): Promise<void> {
    await rm(this.o.root, { recursive: true, force: true });
    await mkdir(this.o.root, { recursive: true });
    this.sweeper = setInterval(() => void this.sweep(), 1000);
  }

  get active(): number {
    return this.sessions.size;
  }

  spans(camera: Camera, from: number, to: number): Promise<DeviceSpans | null> {
    const src = gbSource(camera);
    if (!src) return Promise.resolve(null);
    const now = this.o.ctx.now();
    for (const [k, v] of this.cache) if (now - v.at >= (this.o.cacheMs ?? 10_000)) this.cache.delete(k);
    const key = `${camera.id}|${from}|${to}`;
    const hit = this.cache.get(key);
    if (hit) return hit.value;
    const value = this.o.ctx.server
      .recordInfo(src.deviceId, src.channelId, from, to)
      .then((r): DeviceSpans => (r.ok ? { ok: true, spans: clipSpans(r.spans, from, to), complete: r.complete } : r));
    // Failures are not kept: the next refresh asks again.
    this.cache.set(key, { at: now, value });
    void value.then((r) => {
      if (!r.ok) this.cache.delete(key);
    });
    return value;
  }

  async open(camera: Camera, from: number, to: number, scale: PlaybackScale = 1): Promise<DeviceOpen | null> {
    const src = gbSource(camera);
    if (!src) return null;
    if (this.sessions.size >= (this.o.maxSessions ?? 16))
      return { ok: false, status: "unavailable", reason: "too many device playbacks at once: close one" };
    const id = randomBytes(6).toString("hex");
    const span = { deviceId: src.deviceId, channelId: src.channelId, cameraId: camera.id, from, to };
    const pb = new DevicePlayback(this.o.ctx, span, join(this.o.root, id));
    this.sessions.set(id, pb);
    const failed = await pb.start();
    if (failed === null) {
      // A device that refuses the speed still plays at 1×: the answer says which one it sends at.
      if (scale !== 1) {
        const r = await pb.control(scale);
        if (!r.ok) this.o.ctx.log.info({ camera: camera.id, scale, reason: r.reason }, "GB playback speed refused");
      }
      return { ok: true, id, scale: pb.scale };
    }
    this.sessions.delete(id);
    await pb.stop();
    return { ok: false, status: statusOf(failed), reason: failed };
  }

  async fetch(camera: Camera, from: number, to: number, target: PlaybackTarget): Promise<DeviceFetch | null> {
    const src = gbSource(camera);
    if (!src) return null;
    const span = { deviceId: src.deviceId, channelId: src.channelId, cameraId: camera.id, from, to };
    const speed = this.o.fetchSpeed ?? 4;
    const attempt = async (mode: PlaybackMode) => {
      const pb = new DevicePlayback(this.o.ctx, span, join(this.o.root, `fetch-${target.key}`), { target, ...mode });
      this.fetches.add(pb);
      return { pb, failed: await pb.start() };
    };
    let { pb, failed } = await attempt({ downloadSpeed: speed });
    if (failed !== null && pb.refusedWith !== null) {
      // An NVR without download (it refused s=Download): play exactly the span, faster if it lets us.
      this.fetches.delete(pb);
      ({ pb, failed } = await attempt({}));
      if (failed === null && speed !== 1) await pb.control(speed);
    }
    if (failed !== null) {
      this.fetches.delete(pb);
      return { ok: false, status: statusOf(failed), reason: failed };
    }
    // Never endless: at 1× the span takes its own length; beyond that (plus the media timeout) it is over.
    const deadline = setTimeout(
      () => void pb.finish("the device took longer than the span itself to send it"),
      to - from + this.o.ctx.mediaTimeoutMs + 30_000,
    );
    await pb.done();
    clearTimeout(deadline);
    await pb.stop();
    this.fetches.delete(pb);
    if (this.closing) return { ok: false, status: "unavailable", reason: "the gateway stopped during the fetch" };
    const files = target.store.files(target.key, 0, Number.MAX_SAFE_INTEGER);
    const first = files[0];
    const last = files.at(-1);
    if (!first || !last) return { ok: false, status: "unavailable", reason: pb.reason ?? "the device sent nothing" };
    const bytes = files.reduce((n, f) => n + f.bytes, 0);
    const whole = pb.reason === "the device sent the recording to its end";
    return { ok: true, from: first.start, to: last.end, bytes, reason: whole ? null : pb.reason };
  }

  async control(id: string, cameraId: string, scale: PlaybackScale): Promise<DeviceControl> {
    const pb = this.touch(id, cameraId);
    if (!pb) return { ok: false, status: "not_found", reason: "no such device playback (it ended or was hung up)" };
    const r = await pb.control(scale);
    return r.ok ? { ok: true, scale } : { ok: false, status: "unavailable", reason: r.reason };
  }

  async playlist(id: string, cameraId: string): Promise<string | null> {
    const pb = this.touch(id, cameraId);
    if (!pb) return null;
    await pb.ready(this.o.firstSegmentMs ?? this.o.ctx.mediaTimeoutMs + 3000);
    return pb.playlist();
  }

  mediaFile(id: string, cameraId: string, name: string): { path: string; bytes: number } | null {
    return this.touch(id, cameraId)?.mediaFile(name) ?? null;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    const all = [...this.sessions.values(), ...this.fetches];
    this.sessions.clear();
    this.fetches.clear();
    await Promise.all(all.map((s) => s.stop()));
  }

  private touch(id: string, cameraId: string): DevicePlayback | null {
    const pb = this.sessions.get(id);
    if (!pb || pb.span.cameraId !== cameraId) return null;
    pb.lastUsedAt = this.o.ctx.now();
    return pb;
  }

  private async sweep(): Promise<void> {
    const now = this.o.ctx.now();
    for (const [id, pb] of this.sessions) {
      if (now - pb.lastUsedAt < this.o.idleMs) continue;
      this.sessions.delete(id);
      this.o.ctx.log.info({ camera: pb.span.cameraId, reason: pb.reason }, "GB device playback idle: hung up");
      await pb.stop();
    }
  }
}
