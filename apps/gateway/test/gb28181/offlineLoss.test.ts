// Device offline → video loss: only important cameras nobody watches are raised here (watched ones through
// stream health); the other cameras of the device, and other devices' cameras, stay quiet.
import type { Camera } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { camerasLostWithDevice, offlineLossAlarm } from "../../src/gb28181/offlineLoss";

const DEV = "34020000001180000001";
const cam = (id: string, o: { important?: boolean; device?: string; rtmp?: boolean } = {}): Camera => ({
  id,
  name: id,
  kind: "cell",
  prisonId: "pj",
  blockId: "pj-b1",
  subBlockId: null,
  source: o.rtmp
    ? { kind: "rtmp" }
    : { kind: "gb28181", deviceId: o.device ?? DEV, channelId: `3402000000132000000${id.length}` },
  codec: "h264",
  hasSubStream: false,
  ...(o.important === undefined ? {} : { important: o.important }),
});

describe("camerasLostWithDevice", () => {
  it.each([
    ["an important camera nobody watches", cam("a", { important: true }), [], true],
    ["an important camera someone watches (stream health reports it)", cam("a", { important: true }), ["a"], false],
    ["an ordinary camera nobody watches", cam("a"), [], false],
    ["a camera marked not important", cam("a", { important: false }), [], false],
    ["an ordinary camera someone watches (stream health reports it)", cam("a"), ["a"], false],
    ["another device's important camera", cam("a", { important: true, device: "34020000001180000002" }), [], false],
    ["an important RTMP camera", cam("a", { important: true, rtmp: true }), [], false],
  ])("%s", (_what, camera, watched, raised) => {
    expect(camerasLostWithDevice([camera], DEV, new Set(watched)).map((c) => c.id)).toEqual(raised ? ["a"] : []);
  });

  it("a platform of 500 channels going offline raises only its important unwatched ones", () => {
    const cameras = Array.from({ length: 500 }, (_, i) => cam(`c${i}`, { important: i % 100 === 0 }));
    const lost = camerasLostWithDevice(cameras, DEV, new Set(["c100"]));
    expect(lost.map((c) => c.id)).toEqual(["c0", "c200", "c300", "c400"]);
  });
});

describe("offlineLossAlarm", () => {
  it("is a video_loss of the camera's place, keyed by camera and moment", () => {
    expect(offlineLossAlarm(cam("a", { important: true }), 1_767_322_000_000, 3)).toEqual({
      sourceId: "gb-offline:a:1767322000000",
      type: "video_loss",
      severity: 3,
      occurredAt: 1_767_322_000_000,
      blockId: "pj-b1",
      subBlockId: null,
      cameraId: "a",
      title: null,
      description: "the device is offline",
    });
  });
});
