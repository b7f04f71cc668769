// The console's transcode badge model: used of max, the level, one name per camera (prison and camera),
// a few inline and the rest counted; nothing when transcoding is off.
import type { TranscodeBudget } from "@cw/protocol";
import { expect, it } from "vitest";
import { budgetView } from "../src/console/transcodeBudget";

const stream = (
  cameraId: string,
  name: string,
  prison: string | null,
  rendition: "main-h264" | "sub-h264" = "sub-h264",
) => ({
  cameraId,
  name,
  prison,
  rendition,
  viewers: 1,
});

it.each<[TranscodeBudget | null, ReturnType<typeof budgetView>]>([
  [null, null],
  [{ running: 0, max: 0, streams: [] }, null],
  [
    { running: 0, max: 8, streams: [] },
    { used: 0, max: 8, level: "ok", names: [], shown: [], more: 0 },
  ],
  [
    // Main and sub of one camera are one name; a camera removed mid-transcode has no prison.
    {
      running: 3,
      max: 4,
      streams: [
        stream("pj-perimeter-n", "北周界", "盘锦监狱", "main-h264"),
        stream("pj-perimeter-n", "北周界", "盘锦监狱"),
        stream("gone-1", "gone-1", null),
      ],
    },
    {
      used: 3,
      max: 4,
      level: "high",
      names: ["盘锦监狱 北周界", "gone-1"],
      shown: ["盘锦监狱 北周界", "gone-1"],
      more: 0,
    },
  ],
  [
    {
      running: 5,
      max: 5,
      streams: ["a", "b", "c", "d", "e"].map((id) => stream(id, `${id}门`, "锦州监狱")),
    },
    {
      used: 5,
      max: 5,
      level: "full",
      names: ["锦州监狱 a门", "锦州监狱 b门", "锦州监狱 c门", "锦州监狱 d门", "锦州监狱 e门"],
      shown: ["锦州监狱 a门", "锦州监狱 b门", "锦州监狱 c门"],
      more: 2,
    },
  ],
  // An operator sees the shared count, with fewer names than slots used.
  [
    { running: 2, max: 8, streams: [] },
    { used: 2, max: 8, level: "ok", names: [], shown: [], more: 0 },
  ],
])("budgetView(%j)", (budget, want) => {
  expect(budgetView(budget)).toEqual(want);
});
