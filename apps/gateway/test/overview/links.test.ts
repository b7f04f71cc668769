// The prison-link fold (issue 18): the GB device table → each edge prison's link, as the overview shows it,
// and the holder's version that tells the live publisher to rebuild.
import { describe, expect, it } from "vitest";
import { type LinkDevice, PrisonLinks, prisonLinksOf } from "../../src/features/overview/links";

const edge = (prisonId: string | null, online: boolean): LinkDevice => ({ kind: "platform", prisonId, online });
const camera = (prisonId: string | null, online: boolean): LinkDevice => ({ kind: "device", prisonId, online });

describe("prisonLinksOf", () => {
  const table: Array<[string, LinkDevice[], Record<string, "up" | "down">]> = [
    ["no devices: no prison has a link", [], {}],
    ["an online edge: up", [edge("pj", true)], { pj: "up" }],
    ["an offline edge: down", [edge("pj", false)], { pj: "down" }],
    ["an edge not assigned to a prison: nothing", [edge(null, false)], {}],
    ["a plain GB device offline is no link", [camera("pj", false)], {}],
    ["a camera offline beside an online edge: still up", [edge("pj", true), camera("pj", false)], { pj: "up" }],
    ["two platforms of one prison: up while either is", [edge("pj", false), edge("pj", true)], { pj: "up" }],
    ["the same, other order", [edge("pj", true), edge("pj", false)], { pj: "up" }],
    ["prisons apart", [edge("pj", true), edge("sy1", false)], { pj: "up", sy1: "down" }],
  ];
  it.each(table)("%s", (_name, devices, want) => {
    expect(Object.fromEntries(prisonLinksOf(devices))).toEqual(want);
  });
});

describe("PrisonLinks", () => {
  it("answers null for a prison without an edge and moves its version only on a change", () => {
    const links = new PrisonLinks();
    expect(links.of("pj")).toBeNull();
    expect(links.report([edge("pj", true)])).toBe(true);
    expect(links.of("pj")).toBe("up");
    const v = links.version;
    expect(links.report([edge("pj", true), camera("pj", false)])).toBe(false);
    expect(links.version).toBe(v);
    expect(links.report([edge("pj", false)])).toBe(true);
    expect(links.of("pj")).toBe("down");
    expect(links.version).toBe(v + 1);
    expect(links.report([edge("pj", true)])).toBe(true);
    expect(links.of("pj")).toBe("up");
    expect(links.report([])).toBe(true);
    expect(links.of("pj")).toBeNull();
  });
});
