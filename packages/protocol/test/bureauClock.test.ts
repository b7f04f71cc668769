import { describe, expect, it } from "vitest";
import { bureauDateTime, offsetText } from "../src/index";

describe("the bureau's wall time, whatever the machine's zone", () => {
  it("writes an instant on the bureau's clock, across its midnight", () => {
    const midnight = Date.UTC(2026, 11, 2, 16, 0, 0); // 2026-12-03 00:00:00 at +08:00
    expect(bureauDateTime(midnight - 1000, 480)).toBe("2026-12-02 23:59:59");
    expect(bureauDateTime(midnight, 480)).toBe("2026-12-03 00:00:00");
    expect(bureauDateTime(midnight, -480)).toBe("2026-12-02 08:00:00");
  });

  it("names the offset with its sign", () => {
    expect(offsetText(480)).toBe("+08:00");
    expect(offsetText(-330)).toBe("-05:30");
    expect(offsetText(0)).toBe("+00:00");
  });
});
