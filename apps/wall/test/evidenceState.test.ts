// An evidence row's state badge and the panel's polling rule, pure: a device clip is 取回中 (pending)
// until fetched, then ready (exportable, badged as device footage, with the reason when the device
// stopped early) or failed with its reason; gateway clips carry no badge and are always exportable.
import { describe, expect, it } from "vitest";
import { canExport, evidenceBadge, needsPoll } from "../src/playback/evidenceState";

const gateway = { source: "gateway", state: "ready", reason: null } as const;
const pending = { source: "device", state: "pending", reason: null } as const;
const ready = { source: "device", state: "ready", reason: null } as const;
const partial = { source: "device", state: "ready", reason: "the device stopped sending" } as const;
const failed = { source: "device", state: "failed", reason: "the device is offline" } as const;

describe("evidence state", () => {
  it.each([
    [gateway, null, true],
    [pending, { key: "pb.fetching", tone: "light-yellow", detail: null }, false],
    [ready, { key: "pb.deviceClip", tone: "light-green", detail: null }, true],
    [partial, { key: "pb.deviceClip", tone: "light-green", detail: "the device stopped sending" }, true],
    [failed, { key: "pb.fetchFailed", tone: "light-red", detail: "the device is offline" }, false],
  ])("%o → badge %o, exportable %s", (row, badge, exportable) => {
    expect(evidenceBadge(row)).toEqual(badge);
    expect(canExport(row)).toBe(exportable);
  });

  it("polls only while a clip is being fetched", () => {
    expect(needsPoll([])).toBe(false);
    expect(needsPoll([gateway, ready, failed])).toBe(false);
    expect(needsPoll([gateway, pending])).toBe(true);
  });
});
