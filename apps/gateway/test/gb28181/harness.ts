// Test harness: a real GbServer on 127.0.0.1 (random port), the GB simulator's devices, and GB sources
// feeding a recording sink in front of the real packager. Every start has its stop (close()).
import { createSocket } from "node:dgram";
import { type GbEvent, GbServer, type MediaTransport } from "@cw/gb28181";
import { type AccessUnit, type MediaSink, Packager, PortPool, type TrackSet } from "@cw/streams";
import { prisonCatalog } from "../../../../e2e/support/gb-sim/catalog";
import { SimDevice, type SimDeviceOptions } from "../../../../e2e/support/gb-sim/device";
import { encodeFrames, type SimCodec, type SimFrame } from "../../../../e2e/support/gb-sim/media/encode";
import { GbSource } from "../../src/gb28181/gbSource";
import { SharedTick } from "../../src/gb28181/ticker";

export const SERVER_ID = "34020000002000000001";
export const DOMAIN = "3402000000";
export const DEVICE = "34020000001180000001";
export const PASSWORD = "gb-test-pass";

const clips = new Map<SimCodec, SimFrame[]>();
export function clip(codec: SimCodec): SimFrame[] {
  if (!clips.has(codec)) clips.set(codec, encodeFrames({ codec, seconds: 2, size: "320x180", gop: 25 }));
  return clips.get(codec)!;
}

export class RecordingSink implements MediaSink {
  readonly packager = new Packager({ ringSegments: 100 });
  units: AccessUnit[] = [];
  configs: TrackSet[] = [];
  ends: string[] = [];
  config(t: TrackSet): void {
    this.configs.push(t);
    this.packager.config(t);
  }
  unit(au: AccessUnit): void {
    this.units.push(au);
    this.packager.unit(au);
  }
  discontinuity(r: string): void {
    this.packager.discontinuity(r);
  }
  end(r: string): void {
    this.ends.push(r);
    this.packager.end(r);
  }
}

/** Polls a condition (no fixed sleeps): resolves when it holds, fails after `ms`. */
export async function until(cond: () => boolean, ms = 10_000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export class Harness {
  readonly events: GbEvent[] = [];
  readonly devices: SimDevice[] = [];
  readonly sources: GbSource[] = [];
  readonly tick = new SharedTick();
  readonly pool: PortPool;
  server!: GbServer;
  private ssrc = 0;

  constructor(
    readonly opts: { keepaliveMs?: number; inviteTimeoutMs?: number; mediaTimeoutMs?: number; portBase?: number } = {},
  ) {
    const base = opts.portBase ?? 21_000 + Math.floor(Math.random() * 200) * 20; // below the ephemeral range
    this.pool = new PortPool(base, base + 19);
  }

  async start(): Promise<this> {
    this.server = new GbServer({
      bindHost: "127.0.0.1",
      publicHost: "127.0.0.1",
      port: 0,
      serverId: SERVER_ID,
      domain: DOMAIN,
      keepaliveMs: this.opts.keepaliveMs ?? 60_000,
      inviteTimeoutMs: this.opts.inviteTimeoutMs ?? 2000,
      utcOffsetMinutes: 480,
      passwordFor: () => PASSWORD,
    });
    this.server.onEvent((e) => this.events.push(e));
    await this.server.start();
    return this;
  }

  async device(o: Partial<SimDeviceOptions> & { codec?: SimCodec } = {}): Promise<SimDevice> {
    const d = new SimDevice({
      server: { host: "127.0.0.1", port: this.server.port, id: SERVER_ID, domain: DOMAIN },
      deviceId: DEVICE,
      password: PASSWORD,
      transport: "udp",
      channels: prisonCatalog(DOMAIN),
      media: { codec: o.codec ?? "h264", frames: clip(o.codec ?? "h264") },
      ...o,
    });
    this.devices.push(d);
    await d.start();
    return d;
  }

  source(channelId: string, transport: MediaTransport, deviceId = DEVICE): GbSource {
    const s = new GbSource(
      {
        server: this.server,
        pool: this.pool,
        bindHost: "127.0.0.1",
        mediaIp: "127.0.0.1",
        transport,
        mediaTimeoutMs: this.opts.mediaTimeoutMs ?? 3000,
        nextSsrc: () => `0${DOMAIN.slice(3, 8)}${String(++this.ssrc).padStart(4, "0")}`,
        now: Date.now,
        ticker: this.tick,
        log: { info() {}, warn() {} },
      },
      deviceId,
      channelId,
    );
    this.sources.push(s);
    return s;
  }

  /** Sends raw bytes to a port from another loopback address (a foreign sender). */
  async sendFrom(address: string, port: number, bytes: Buffer): Promise<void> {
    const s = createSocket("udp4");
    await new Promise<void>((r) => s.bind(0, address, () => r()));
    await new Promise<void>((r) => s.send(bytes, port, "127.0.0.1", () => r()));
    await new Promise<void>((r) => s.close(() => r()));
  }

  async close(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.stop()));
    await Promise.all(this.devices.map((d) => d.close()));
    this.tick.stop();
    await this.server?.close();
  }
}
