import { describe, expect, it } from "vitest";
import { earlyRequests, hintValues, sessionPath, treePath } from "../src/api/earlyRequests";

describe("earlyRequests (what boot.ts sends before the app runs)", () => {
  it.each([
    ["no hint: nothing (the login page)", null, "/", []],
    ["an unknown hint: nothing", "yes", "/", []],
    ["logged in, on the console: the session only (the role sees no cameras)", hintValues.session, "/", [sessionPath]],
    ["sees cameras, on the console: session and tree", hintValues.cameras, "/", [sessionPath, treePath]],
    ["sees cameras, on another page: the session only", hintValues.cameras, "/duty", [sessionPath]],
    ["sees cameras, on a big screen: the session only", hintValues.cameras, "/screen/1", [sessionPath]],
  ])("%s", (_, hint, path, want) => {
    expect(earlyRequests(hint, path)).toEqual(want);
  });
});
