import type { UserView } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { browserName, needsPrison, newPasswordProblem, userStates, visibleUsers } from "../src/users/usersModel";

const u = (username: string, over: Partial<UserView> = {}): UserView => ({
  username,
  displayName: username.toUpperCase(),
  role: "duty",
  prisonId: null,
  prisonName: null,
  disabled: false,
  locked: false,
  lockedUntil: null,
  mustChangePassword: false,
  lastLoginAt: null,
  source: "product",
  ...over,
});

describe("users model", () => {
  it("names every state that applies, active only when none does", () => {
    expect(userStates(u("a"))).toEqual(["active"]);
    expect(userStates(u("a", { disabled: true, locked: true }))).toEqual(["disabled", "locked"]);
    expect(userStates(u("a", { mustChangePassword: true }))).toEqual(["mustChange"]);
  });

  it("filters by username or name and puts locked first, disabled last", () => {
    const list = [
      u("c"),
      u("b", { disabled: true }),
      u("a"),
      u("d", { locked: true }),
      u("li.wei", { displayName: "李伟" }),
    ];
    expect(visibleUsers(list, "").map((x) => x.username)).toEqual(["d", "a", "c", "li.wei", "b"]);
    expect(visibleUsers(list, "李").map((x) => x.username)).toEqual(["li.wei"]);
    expect(visibleUsers(list, " LI. ").map((x) => x.username)).toEqual(["li.wei"]);
  });

  it("knows which roles belong to one prison (the policy table's reach)", () => {
    expect(needsPrison("operator")).toBe(true);
    expect(needsPrison("admin")).toBe(false);
    expect(needsPrison("commander")).toBe(false);
  });

  it("checks a new password before sending it", () => {
    expect(newPasswordProblem("short", "short", "li")).toBe("pw.short");
    expect(newPasswordProblem("li.wei-2026!", "li.wei-2026!", "li.wei")).toBe("pw.username");
    expect(newPasswordProblem("Lantern-Orchard-42", "Lantern-Orchard-41", "li")).toBe("pw.mismatch");
    expect(newPasswordProblem("Lantern-Orchard-42", "Lantern-Orchard-42", "li")).toBeNull();
    expect(newPasswordProblem("Lantern-Orchard-42", null, "li")).toBeNull();
  });

  it("names a browser briefly", () => {
    expect(
      browserName(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome 131");
    expect(browserName("Mozilla/5.0 … Chrome/131.0 Safari/537.36 Edg/131.0")).toBe("Edge 131");
    expect(browserName("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")).toBe("Firefox 128");
    expect(browserName("curl/8.5.0")).toBe("curl/8.5.0");
    expect(browserName("")).toBe("—");
  });
});
