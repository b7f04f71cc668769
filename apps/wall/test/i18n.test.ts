import { errorCatalogue, roles, streamStates } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en";
import { format, hasKey, translate } from "../src/i18n/i18n";
import { zhCN } from "../src/i18n/zh-CN";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n tables", () => {
  it("en has exactly the zh-CN keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it.each(Object.keys(zhCN))("%s uses the same placeholders in both languages", (key) => {
    const k = key as keyof typeof zhCN;
    expect(placeholders(en[k])).toEqual(placeholders(zhCN[k]));
    expect(en[k].trim()).not.toBe("");
  });

  it("covers every error code, role and stream state of the protocol", () => {
    for (const code of Object.keys(errorCatalogue)) expect(hasKey(`error.${code}`)).toBe(true);
    for (const role of roles) expect(hasKey(`role.${role}`)).toBe(true);
    for (const state of streamStates) expect(hasKey(`state.${state}`)).toBe(true);
  });

  it.each([
    ["延时 {s} 秒", { s: 1.2 }, "延时 1.2 秒"],
    ["{a}{b}{a}", { a: "x", b: 2 }, "x2x"],
    ["keep {missing}", {}, "keep {missing}"],
  ])("format %s", (tpl, vars, out) => {
    expect(format(tpl, vars)).toBe(out);
  });

  it("translates by language", () => {
    expect(translate("en", "tour.page", { page: 2, count: 5 })).toBe("Page 2/5");
    expect(translate("zh-CN", "tour.page", { page: 2, count: 5 })).toBe("第 2/5 组");
  });
});
