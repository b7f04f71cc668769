import { describe, expect, it } from "vitest";
import { bodyOf, draftOf, findCameras, newDraft, placeOf, toggle } from "../src/cameraGroups/cameraGroupsModel";

const cams = [
  { id: "pj-b1-cell3", name: "监舍3", label: "盘锦监狱 / 一监区 / 监舍3", prisonId: "pj" },
  { id: "pj-gate", name: "大门", label: "盘锦监狱 / 大门", prisonId: "pj" },
  { id: "jz-b1-cell3", name: "监舍3", label: "锦州监狱 / 一监区 / 监舍3", prisonId: "jz" },
];

describe("the camera-group editor", () => {
  it("finds cameras by every word of place and name", () => {
    expect(findCameras(cams, "监舍3").map((c) => c.id)).toEqual(["pj-b1-cell3", "jz-b1-cell3"]);
    expect(findCameras(cams, "盘锦 监舍").map((c) => c.id)).toEqual(["pj-b1-cell3"]);
    expect(findCameras(cams, "")).toHaveLength(3);
    expect(findCameras(cams, "", 2)).toHaveLength(2);
    expect(placeOf(cams[0]!)).toBe("盘锦监狱 · 一监区 · 监舍3");
  });

  it("toggles and sends a trimmed body", () => {
    expect(toggle(["a"], "b")).toEqual(["a", "b"]);
    expect(toggle(["a", "b"], "a")).toEqual(["b"]);
    const d = { ...newDraft(), name: " 重点监舍 ", cameraIds: ["pj-b1-cell3"], roles: ["commander" as const] };
    expect(bodyOf(d)).toEqual({ name: "重点监舍", cameraIds: ["pj-b1-cell3"], roles: ["commander"], users: [] });
    const g = { id: "g-1", name: "x", cameraIds: ["a"], roles: [], users: ["duty"], updatedAt: 0, updatedBy: null };
    expect(draftOf(g)).toEqual({ id: "g-1", name: "x", cameraIds: ["a"], roles: [], users: ["duty"] });
  });
});
