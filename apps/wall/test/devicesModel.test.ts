// The devices page's pure model: reading order, keepalive age, and channels grouped as the tree shows them.
import type { GbChannel, GbDevice } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { groupChannels, keepaliveAge, passwordOk, sortDevices } from "../src/devices/devicesModel";

const device = (deviceId: string, name: string, online: boolean, lastKeepaliveAt: number | null = null): GbDevice => ({
  deviceId,
  name,
  kind: "device",
  manufacturer: null,
  model: null,
  transport: "udp",
  remoteAddress: "127.0.0.1:5060",
  online,
  lastKeepaliveAt,
  channelCount: 0,
  prisonId: null,
});

const channel = (
  channelId: string,
  type: string,
  cameraId: string | null,
  blockId: string | null,
  unplaced = cameraId !== null && blockId === null,
): GbChannel => ({
  channelId,
  name: channelId,
  parentId: null,
  type,
  status: "ON",
  ptz: false,
  cameraId,
  blockId,
  subBlockId: null,
  unplaced,
});

describe("devices model", () => {
  it("puts offline devices first, then by name", () => {
    const sorted = sortDevices([device("3", "乙", true), device("1", "甲", true), device("2", "丙", false)]);
    expect(sorted.map((d) => d.deviceId)).toEqual(["2", "1", "3"]);
  });

  it("tells the keepalive's age in seconds, or null before the first", () => {
    expect(keepaliveAge(device("1", "a", true, 1_000_000), 1_061_400)).toBe(61);
    expect(keepaliveAge(device("1", "a", true), 1_000)).toBeNull();
    expect(keepaliveAge(device("1", "a", true, 2_000), 1_000)).toBe(0);
  });

  it("groups channels: organisations, placed, unassigned (未分配), waiting for a prison; other types left out", () => {
    const g = groupChannels([
      channel("a", "215", null, null),
      channel("b", "216", null, null),
      channel("c", "132", "gb-c", "pj-b1"),
      channel("d", "131", "gb-d", null),
      channel("e", "132", null, null),
      channel("f", "134", null, null),
      // A gate camera placed at the prison's own level: placed, not waiting.
      channel("g", "131", "gb-g", null, false),
    ]);
    expect({
      organisations: g.organisations.map((c) => c.channelId),
      placed: g.placed.map((c) => c.channelId),
      unassigned: g.unassigned.map((c) => c.channelId),
      waiting: g.waiting.map((c) => c.channelId),
    }).toEqual({ organisations: ["a", "b"], placed: ["c", "g"], unassigned: ["d"], waiting: ["e"] });
  });

  it.each([
    ["", false],
    ["x", true],
    ["x".repeat(128), true],
    ["x".repeat(129), false],
  ])("password %j acceptable: %s", (p, ok) => {
    expect(passwordOk(p)).toBe(ok);
  });
});
