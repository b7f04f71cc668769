import { describe, expect, it } from "vitest";
import { passwordProblem, zUserCreate, zUserPatch } from "../src";

describe("password rules", () => {
  const common = new Set(["1234567890", "password123"]);
  it.each([
    ["short9char", "alice", null],
    ["short", "alice", "short"],
    ["nine-char", "alice", "short"],
    ["密码密码密码密码密码", "alice", null],
    ["密码密码密码密码密", "alice", "short"],
    ["longusername", "longusername", "username"],
    ["LongUserName", "longusername", "username"],
    ["emanresugnol", "longusername", "username"],
    ["my-alice-pass!", "alice", "username"],
    ["xy-bob-pass-1", "bob", null],
    ["1234567890", "alice", "common"],
    ["PassWord123", "alice", "common"],
    ["correct horse battery", "alice", null],
  ] as const)("%s for %s → %s", (password, username, problem) => {
    expect(passwordProblem(password, username, common)).toBe(problem);
  });

  it("without a list only length and username count", () => {
    expect(passwordProblem("1234567890", "alice")).toBeNull();
  });
});

describe("user shapes", () => {
  it("takes a new user and refuses unknown keys, bad names and roles", () => {
    const ok = { username: "li.wei", displayName: "李伟", role: "duty", password: "x".repeat(12) };
    expect(zUserCreate.safeParse(ok).success).toBe(true);
    expect(zUserCreate.safeParse({ ...ok, isAdmin: true }).success).toBe(false);
    expect(zUserCreate.safeParse({ ...ok, username: "li wei" }).success).toBe(false);
    expect(zUserCreate.safeParse({ ...ok, role: "root" }).success).toBe(false);
    expect(zUserCreate.safeParse({ ...ok, displayName: "  " }).success).toBe(false);
  });

  it("a patch may be partial but not carry a password", () => {
    expect(zUserPatch.safeParse({ disabled: true }).success).toBe(true);
    expect(zUserPatch.safeParse({ password: "abcdefghijk" }).success).toBe(false);
  });
});
