// Who is registered, where they are, and whether they are alive: a device is online from its REGISTER
// until it unregisters, its registration expires, or it misses 3 keepalive intervals (GB/T 28181-2016
// §9.6: the platform decides offline after 3 missed heartbeats). Any request from the device counts as a
// sign of life and moves its address (NAT rebinding). Pure state; the tick's `now` decides.
import type { Endpoint, GbEvent } from "./types";

export interface Presence {
  deviceId: string;
  kind: "device" | "platform";
  remote: Endpoint;
  registeredAt: number;
  expiresAt: number;
  lastSeenAt: number;
  lastKeepaliveAt: number | null;
  online: boolean;
}

export class PresenceTable {
  private readonly devices = new Map<string, Presence>();

  constructor(
    private readonly keepaliveMs: number,
    /** Lower platforms (our edges) may be held to a shorter interval than devices: a dead link shows sooner. */
    private readonly platformKeepaliveMs = keepaliveMs,
  ) {}

  get(deviceId: string): Presence | undefined {
    return this.devices.get(deviceId);
  }

  all(): Presence[] {
    return [...this.devices.values()];
  }

  registered(
    deviceId: string,
    kind: "device" | "platform",
    remote: Endpoint,
    expiresAt: number,
    now: number,
  ): GbEvent[] {
    const prev = this.devices.get(deviceId);
    this.devices.set(deviceId, {
      deviceId,
      kind,
      remote,
      registeredAt: prev?.online ? prev.registeredAt : now,
      expiresAt,
      lastSeenAt: now,
      lastKeepaliveAt: prev?.lastKeepaliveAt ?? null,
      online: true,
    });
    return prev?.online ? [] : [{ type: "online", deviceId }];
  }

  unregistered(deviceId: string, reason: string): GbEvent[] {
    const p = this.devices.get(deviceId);
    if (!p?.online) return [];
    p.online = false;
    return [{ type: "offline", deviceId, reason }];
  }

  /** A request from a registered device: alive, and reachable where this packet came from. */
  seen(deviceId: string, from: Endpoint, now: number, keepalive: boolean): GbEvent[] {
    const p = this.devices.get(deviceId);
    if (!p) return [];
    p.lastSeenAt = now;
    p.remote = from;
    const events: GbEvent[] = [];
    if (keepalive) {
      p.lastKeepaliveAt = now;
      events.push({ type: "keepalive", deviceId, at: now, remote: from });
    }
    if (!p.online && p.expiresAt > now) {
      p.online = true;
      events.push({ type: "online", deviceId });
    }
    return events;
  }

  tick(now: number): GbEvent[] {
    const events: GbEvent[] = [];
    for (const p of this.devices.values()) {
      if (!p.online) continue;
      let reason: string | null = null;
      if (p.expiresAt <= now) reason = "registration expired";
      else if (now - p.lastSeenAt > 3 * (p.kind === "platform" ? this.platformKeepaliveMs : this.keepaliveMs))
        reason = "3 keepalives missed";
      if (reason) {
        p.online = false;
        events.push({ type: "offline", deviceId: p.deviceId, reason });
      }
    }
    return events;
  }
}
