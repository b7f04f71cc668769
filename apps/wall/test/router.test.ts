import { describe, expect, it } from "vitest";
import { matchRoute } from "../src/router";

describe("matchRoute", () => {
  it.each([
    ["/", { name: "console" }],
    ["", { name: "console" }],
    ["/screen/1", { name: "screen", n: 1 }],
    ["/screen/12/", { name: "screen", n: 12 }],
    ["/screen/0", { name: "notFound" }],
    ["/screen/x", { name: "notFound" }],
    ["/nope", { name: "notFound" }],
  ])("%s", (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });
});
