import { describe, expect, it } from "vitest";
import { type Capability, can, capabilities, inScope, policy, type Role, roles, rolesWith, scopeOf } from "../src";

// Who held what before the table existed (the role lists the gateway's routes spelled out); the table
// must give the five operational roles exactly this. `admin` is new (issue 17) and holds no operations.
const before: Record<Capability, readonly Role[]> = {
  "cameras.view": ["commander", "chief", "duty", "operator", "viewer"],
  "cameras.manage": ["commander"],
  "wall.view": ["commander", "chief", "duty", "viewer"],
  "wall.edit": ["commander", "chief", "duty"],
  "presets.edit": ["commander"],
  "alarms.view": ["commander", "chief", "duty", "operator", "viewer"],
  "alarms.acknowledge": ["commander", "chief", "duty", "operator"],
  "alarms.dispose": ["commander", "chief", "duty", "operator"],
  "rollcalls.view": ["commander", "chief", "duty", "operator", "viewer"],
  "orders.view": ["commander", "chief", "duty", "operator", "viewer"],
  "orders.watch": ["commander", "chief", "duty"],
  "orders.issue": ["commander", "chief"],
  "orders.sign": ["operator"],
  "orders.report": ["operator"],
  "inspection.inspect": ["commander", "chief"],
  "inspection.verify": ["admin", "commander", "chief", "duty", "operator", "viewer"],
  "rectifications.view": ["commander", "chief", "operator"],
  "rectifications.report": ["operator"],
  "rectifications.review": ["commander", "chief"],
  "reports.view": ["commander", "chief", "duty", "operator", "viewer"],
  // Added with recording (issue 16): who may watch recorded footage, set plans, mark and export evidence.
  "recordings.view": ["commander", "chief", "duty", "operator"],
  "recordings.manage": ["commander"],
  "evidence.mark": ["commander", "chief", "duty", "operator"],
  "evidence.export": ["commander", "chief", "operator"],
  // Added with GB/T 28181 (issue 14): the devices page is the commanders'; PTZ commanders' and the chief's.
  "gb.devices": ["commander"],
  "cameras.ptz": ["commander", "chief"],
  "audit.view": ["admin", "commander", "chief"],
  "users.manage": ["admin"],
  // Camera groups (issue 17): the administrator keeps who may see restricted cameras.
  "cameraGroups.manage": ["admin"],
};

describe("policy table", () => {
  it("names every role", () => {
    expect(Object.keys(policy).sort()).toEqual([...roles].sort());
  });

  it.each(capabilities)("%s is held by exactly the roles that held it before", (cap) => {
    expect(rolesWith(cap).sort()).toEqual([...before[cap]].sort());
    for (const role of roles) expect(can(role, cap)).toBe(before[cap].includes(role));
  });

  it("a missing role holds nothing", () => {
    for (const cap of capabilities) expect(can(undefined, cap)).toBe(false);
  });

  it("admin holds nothing of operations", () => {
    const ops = capabilities.filter(
      (c) => !["users.manage", "cameraGroups.manage", "audit.view", "inspection.verify"].includes(c),
    );
    for (const cap of ops) expect(can("admin", cap)).toBe(false);
  });

  it("only users.manage-holders are admins", () => {
    expect(rolesWith("users.manage")).toEqual(["admin"]);
  });
});

describe("prison scope", () => {
  it.each([
    [{ role: "operator", prisonId: "pj" }, "pj"],
    [{ role: "commander", prisonId: null }, null],
    [{ role: "chief", prisonId: "pj" }, null],
    [{ role: "duty", prisonId: null }, null],
    [{ role: "viewer", prisonId: null }, null],
    [{ role: "admin", prisonId: null }, null],
  ] as const)("%o reaches %s", (who, scope) => {
    expect(scopeOf(who)).toBe(scope);
  });

  it("takes a gateway session ({user}) as well", () => {
    expect(scopeOf({ user: { role: "operator", prisonId: "jz" } })).toBe("jz");
    expect(scopeOf({ user: { role: "duty", prisonId: null } })).toBeNull();
  });

  it("a prison-bound account without a prison reaches no prison at all", () => {
    const scope = scopeOf({ role: "operator", prisonId: null });
    expect(scope).not.toBeNull();
    for (const p of ["pj", "sy1", "", null]) expect(inScope(scope, p)).toBe(false);
  });

  it.each([
    [null, "pj", true],
    [null, null, true],
    ["pj", "pj", true],
    ["pj", "sy1", false],
    ["pj", null, false],
    ["pj", undefined, false],
  ] as const)("scope %s, thing in %s → %s", (scope, prisonId, yes) => {
    expect(inScope(scope, prisonId)).toBe(yes);
  });
});
