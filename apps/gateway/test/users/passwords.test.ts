// The shipped common list and temporary passwords.
import { passwordProblem } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { commonPasswords, parseCommonPasswords } from "../../src/features/users/commonPasswords";
import { temporaryPassword } from "../../src/features/users/temporaryPassword";

describe("common passwords", () => {
  it("parses one a line, skipping comments and blanks, lower-cased", () => {
    expect([...parseCommonPasswords("# c\n\nAbc1234567\r\n  qwertyuiop  \n")]).toEqual(["abc1234567", "qwertyuiop"]);
  });

  it("ships a list with the usual suspects (and the product's own default)", () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(1000);
    for (const p of [
      "1234567890",
      "qwertyuiop",
      "password123",
      "woaini1314",
      "1qaz2wsx3edc",
      "commandwall",
      "Admin@123456",
    ]) {
      expect(passwordProblem(p, "someone", list), p).toBe("common");
    }
    expect(passwordProblem("Lantern-Orchard-42", "someone", list)).toBeNull();
  });
});

describe("temporary passwords", () => {
  it("are three groups of four from an alphabet without look-alikes, and pass the rules", () => {
    let n = 0;
    const counter = (k: number) => Buffer.from(Array.from({ length: k }, () => n++ % 256));
    const p = temporaryPassword(counter);
    expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}$/);
    expect(passwordProblem(p, "alice", commonPasswords())).toBeNull();
  });

  it("differ with the randomness", () => {
    const seen = new Set(Array.from({ length: 50 }, () => temporaryPassword()));
    expect(seen.size).toBe(50);
  });
});
