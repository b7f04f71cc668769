import { describe, expect, it } from "vitest";
import { type CameraViewer, cameraVisible, indexCameraGroups } from "../src";

const groups = indexCameraGroups([
  { cameraIds: ["cell-3", "cell-3"], roles: ["commander"], users: [] },
  { cameraIds: ["cell-3", "staff"], roles: [], users: ["duty-zhang"] },
]);
const who = (role: CameraViewer["role"], username: string = role, prisonId: string | null = null): CameraViewer => ({
  role,
  username,
  prisonId,
});

describe("cameraVisible: prison scope, then the camera's groups", () => {
  it.each([
    ["a camera in no group, any province role", who("viewer"), "gate", "pj", true],
    ["a camera in no group, an operator of its prison", who("operator", "op", "pj"), "gate", "pj", true],
    ["a camera in no group, an operator of another prison", who("operator", "op", "jz"), "gate", "pj", false],
    ["a group's role", who("commander"), "cell-3", "pj", true],
    ["a role no group names", who("chief"), "cell-3", "pj", false],
    ["a user a group names, whatever the role", who("duty", "duty-zhang"), "cell-3", "pj", true],
    ["the same role, another user", who("duty", "duty-li"), "cell-3", "pj", false],
    ["admin sees every group's cameras", who("admin"), "staff", "pj", true],
    ["a group's user outside their prison", who("operator", "duty-zhang", "jz"), "staff", "pj", false],
  ] as const)("%s", (_what, user, id, prisonId, expected) => {
    expect(cameraVisible(user, { id, prisonId }, groups)).toBe(expected);
  });

  it("an empty group list restricts nothing", () => {
    expect(cameraVisible(who("viewer"), { id: "cell-3", prisonId: "pj" }, indexCameraGroups([]))).toBe(true);
  });
});
