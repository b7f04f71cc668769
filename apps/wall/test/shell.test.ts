import { roles } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { canOpen, landing, matchRoute, navFor, routeTable } from "../src/shell/routes";

describe("the route table", () => {
  it("matches every page's path, parameters included", () => {
    expect(matchRoute("/")).toEqual({ name: "console" });
    expect(matchRoute("/duty/")).toEqual({ name: "duty" });
    expect(matchRoute("/screen/dashboard")).toEqual({ name: "dashboard" });
    expect(matchRoute("/screen/3")).toEqual({ name: "screen", n: 3 });
    expect(matchRoute("/screen/17")).toEqual({ name: "notFound" });
    expect(matchRoute("/orders")).toEqual({ name: "orders", id: null });
    expect(matchRoute("/orders/o-1")).toEqual({ name: "orders", id: "o-1" });
    expect(matchRoute("/inspection/verify/2026-12-01")).toEqual({ name: "inspectionVerify", date: "2026-12-01" });
    expect(matchRoute("/inspection/record/2026-12-01")).toEqual({ name: "inspectionRecord", date: "2026-12-01" });
    expect(matchRoute("/inspection/verify/yesterday")).toEqual({ name: "notFound" });
    expect(matchRoute("/nowhere")).toEqual({ name: "notFound" });
  });

  it("lands every role on a page it may open, and the landing page is in its navigation", () => {
    for (const role of roles) {
      const route = matchRoute(landing[role]);
      expect(canOpen(role, route.name), role).toBe(true);
      const offered = navFor(role).flatMap((g) => g.routes.map((r) => r.path));
      expect(offered, role).toContain(landing[role]);
    }
    expect(landing.duty).toBe("/duty");
    expect(landing.chief).toBe("/inspection");
    expect(landing.operator).toBe("/unit");
    expect(landing.commander).toBe("/");
    expect(landing.admin).toBe("/users");
  });

  it("offers the audit trail to audit.view holders and camera groups to the administrator only", () => {
    const offers = (role: (typeof roles)[number]) => navFor(role).flatMap((g) => g.routes.map((r) => r.name));
    for (const role of ["admin", "commander", "chief"] as const) expect(offers(role), role).toContain("audit");
    for (const role of ["duty", "operator", "viewer"] as const) expect(offers(role), role).not.toContain("audit");
    expect(roles.filter((r) => offers(r).includes("cameraGroups"))).toEqual(["admin"]);
    expect(matchRoute("/audit")).toEqual({ name: "audit" });
    expect(matchRoute("/camera-groups")).toEqual({ name: "cameraGroups" });
  });

  it("never offers a page a role may not open", () => {
    for (const role of roles) {
      for (const g of navFor(role)) for (const r of g.routes) expect(canOpen(role, r.name)).toBe(true);
    }
    expect(canOpen("operator", "orders")).toBe(false);
    expect(canOpen("viewer", "inspection")).toBe(false);
    expect(canOpen("operator", "screen")).toBe(false);
    expect(canOpen(undefined, "console")).toBe(false);
  });

  it("keeps big-screen outputs chrome-less and every other page inside the shell", () => {
    const chromeless = routeTable.filter((r) => !r.chrome).map((r) => r.name);
    expect(chromeless.sort()).toEqual(["dashboard", "screen"]);
  });
});
