// PTZ on the wall without React: which cameras get controls, speeds clamped to a byte, and a panel's
// commands sent one after another — a stop never overtakes its move, a failure does not block the rest.
import type { Camera, PtzCommand } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { isPtzCamera, ptzByte, ptzQueue } from "../src/ptz/ptzModel";

const camera = (source: Camera["source"], ptz?: boolean): Camera => ({
  id: "c1",
  name: "监舍1",
  kind: "cell",
  prisonId: "pj",
  blockId: null,
  subBlockId: null,
  source,
  codec: "h264",
  hasSubStream: false,
  ...(ptz === undefined ? {} : { ptz }),
});
const gb = { kind: "gb28181", deviceId: "34020000001180000001", channelId: "34020000001320000001" } as const;

describe("isPtzCamera", () => {
  it.each([
    [camera(gb, true), true],
    [camera(gb, false), false],
    [camera(gb), false],
    [camera({ kind: "rtmp" }, true), false],
    [undefined, false],
  ])("%# → %s", (c, want) => expect(isPtzCamera(c)).toBe(want));
});

describe("ptzByte", () => {
  it.each([
    [128, 128],
    [0, 1],
    [-5, 1],
    [300, 255],
    [12.6, 13],
    [Number.NaN, 77],
  ])("%s → %s", (v, want) => expect(ptzByte(v, 77)).toBe(want));
});

describe("ptzQueue", () => {
  it("sends each command after the previous one was answered, in order, even when the first is slow", async () => {
    const log: string[] = [];
    const release: (() => void)[] = [];
    const send = (_id: string, c: PtzCommand) =>
      new Promise<void>((resolve) => {
        log.push(`start ${c.action}`);
        release.push(() => {
          log.push(`done ${c.action}`);
          resolve();
        });
      });
    const q = ptzQueue(send, () => {});
    const a = q("c1", { action: "left", speed: 128 });
    const b = q("c1", { action: "stop" });
    await Promise.resolve();
    expect(log).toEqual(["start left"]);
    release[0]!();
    await a;
    await Promise.resolve();
    expect(log).toEqual(["start left", "done left", "start stop"]);
    release[1]!();
    await b;
    expect(log).toEqual(["start left", "done left", "start stop", "done stop"]);
  });

  it("reports a refused command and still sends the next", async () => {
    const sent: string[] = [];
    const errors: unknown[] = [];
    const q = ptzQueue(
      async (_id, c) => {
        sent.push(c.action);
        if (c.action === "up") throw new Error("409");
      },
      (e) => errors.push(e),
    );
    await q("c1", { action: "up", speed: 10 });
    await q("c1", { action: "stop" });
    expect(sent).toEqual(["up", "stop"]);
    expect(errors).toHaveLength(1);
  });
});
