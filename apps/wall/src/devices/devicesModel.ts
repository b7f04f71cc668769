// What the devices page shows, as pure functions: devices in reading order (offline first — they need
// someone — then by name), how long ago a keepalive came, and a device's channels grouped as the tree will
// be (organisations, then cameras placed or waiting under 未分配). No React, no fetch: tested in vitest.
import type { GbChannel, GbDevice } from "@cw/protocol";

export function sortDevices(devices: readonly GbDevice[]): GbDevice[] {
  return [...devices].sort(
    (a, b) =>
      Number(a.online) - Number(b.online) ||
      a.name.localeCompare(b.name, "zh-CN") ||
      a.deviceId.localeCompare(b.deviceId),
  );
}

/** Seconds since the last keepalive, or null when none came yet. */
export function keepaliveAge(device: GbDevice, now: number): number | null {
  return device.lastKeepaliveAt === null ? null : Math.max(0, Math.round((now - device.lastKeepaliveAt) / 1000));
}

export interface ChannelGroups {
  organisations: GbChannel[];
  placed: GbChannel[];
  /** Cameras of an assigned device whose organisations matched no block: the prison's 未分配. */
  unassigned: GbChannel[];
  /** Cameras of a device not assigned to a prison yet. */
  waiting: GbChannel[];
}

const isCamera = (c: GbChannel) => c.type === "131" || c.type === "132";

export function groupChannels(channels: readonly GbChannel[]): ChannelGroups {
  const g: ChannelGroups = { organisations: [], placed: [], unassigned: [], waiting: [] };
  for (const c of channels) {
    if (c.type === "215" || c.type === "216") g.organisations.push(c);
    else if (!isCamera(c)) continue;
    else if (c.cameraId === null) g.waiting.push(c);
    else if (c.unplaced) g.unassigned.push(c);
    else g.placed.push(c);
  }
  return g;
}

/** A password the API will take (1–128 characters); the page says why not otherwise. */
export const passwordOk = (p: string): boolean => p.length >= 1 && p.length <= 128;
