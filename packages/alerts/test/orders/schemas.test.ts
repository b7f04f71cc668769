// Orders input: compose / sign / feedback / remind / template bodies, images, and unit resolution.
import { parseWith } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import {
  expandTargets,
  orderFromTemplate,
  orderImageProblem,
  zOrderCompose,
  zOrderFeedback,
  zOrderRemind,
  zOrderSign,
  zOrderTemplate,
} from "../../src/index";
import { JPEG, MIN, T0 } from "../fixtures";
import { compose, HOUR, tree } from "./fixtures";

const PNG = "iVBORw0KGgoAAAANSUhEUg==";
const big = `/9j/${"A".repeat(Math.ceil((512 * 1024) / 3) * 4)}`;

describe("zOrderCompose", () => {
  it.each([
    ["no targets", { targets: [] }, "targets"],
    ["too many targets", { targets: Array.from({ length: 501 }, (_, i) => `u${i}`) }, "targets"],
    ["a target that is no id", { targets: ["p 1"] }, "targets.0"],
    ["an empty title", { title: "  " }, "title"],
    ["a title over 120", { title: "x".repeat(121) }, "title"],
    ["a body over 5000", { body: "x".repeat(5001) }, "body"],
    ["an unknown priority", { priority: "high" as never }, "priority"],
    ["an unknown category", { category: "sports" as never }, "category"],
    ["a deadline in seconds", { signDeadline: Math.floor(T0 / 1000) }, "signDeadline"],
    ["a zone-less ISO deadline", { signDeadline: "2025-03-03T10:00:00" }, "signDeadline"],
    ["an oversized attachment", { attachment: big }, "attachment"],
    ["a GIF attachment", { attachment: "R0lGODlhAQABAAAAACw=" }, "attachment"],
    ["an unknown field", { cc: ["p3"] } as never, ""],
  ])("rejects %s", (_, over, field) => {
    const r = parseWith(zOrderCompose, compose(over));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe("validation");
      if (field !== "") expect(r.error.field).toBe(field);
    }
  });

  it("accepts ISO deadlines, data-URL images and defaults", () => {
    const r = parseWith(zOrderCompose, {
      title: " 通知 ",
      category: "information",
      targets: ["province"],
      signDeadline: "2025-03-03T10:00:00+08:00",
      attachment: `data:image/png;base64,${PNG}`,
    });
    expect(r).toEqual({
      ok: true,
      value: {
        title: "通知",
        body: "",
        priority: "routine",
        category: "information",
        targets: ["province"],
        signDeadline: T0 + 10 * HOUR,
        attachment: PNG,
      },
    });
  });
});

describe("order images", () => {
  it.each([
    [JPEG, null],
    [PNG, null],
    ["/9j/4AAQ?", "the image is not base64 (A-Z a-z 0-9 + /, padded to a multiple of 4)"],
    ["AAAA", "the image is neither a JPEG nor a PNG"],
    [big, "the image is larger than 512 KB"],
  ])("%#", (img, problem) => {
    expect(orderImageProblem(img)).toBe(problem);
  });
});

describe("other bodies", () => {
  it.each([
    [zOrderSign, {}, true],
    [zOrderSign, { note: "x".repeat(2001) }, false],
    [zOrderFeedback, { text: "已落实" }, true],
    [zOrderFeedback, { text: "已落实", image: JPEG }, true],
    [zOrderFeedback, { text: " " }, false],
    [zOrderFeedback, { text: "x".repeat(5001) }, false],
    [zOrderFeedback, { text: "ok", image: "AAAA" }, false],
    [zOrderRemind, {}, true],
    [zOrderRemind, { targets: [] }, false],
    [zOrderRemind, { targets: ["p1"], note: "请尽快签收" }, true],
  ] as const)("%#", (schema, body, ok) => {
    expect(parseWith(schema, body).ok).toBe(ok);
  });
});

describe("templates", () => {
  const t = {
    name: "每日安全通报",
    title: "今日安全形势",
    category: "custody_security",
    targets: ["province"],
    signWithinMin: 60,
    feedbackWithinMin: 24 * 60,
  };
  it("builds a compose body with deadlines from now", () => {
    const parsed = parseWith(zOrderTemplate, t);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const body = orderFromTemplate(parsed.value, T0, { templateId: "tpl1" });
    expect(body).toEqual({
      title: "今日安全形势",
      body: "",
      priority: "routine",
      category: "custody_security",
      targets: ["province"],
      signDeadline: T0 + 60 * MIN,
      feedbackDeadline: T0 + 24 * 60 * MIN,
      templateId: "tpl1",
    });
    expect(parseWith(zOrderCompose, body).ok).toBe(true);
    expect(orderFromTemplate(parsed.value, T0, { targets: ["p2"] }).targets).toEqual(["p2"]);
  });
  it("rejects a report-back window shorter than the sign-for one", () => {
    const r = parseWith(zOrderTemplate, { ...t, feedbackWithinMin: 30 });
    expect(r.ok ? null : r.error.field).toBe("feedbackWithinMin");
  });
});

describe("expandTargets", () => {
  const units = (targets: string[]) => {
    const r = expandTargets(tree, targets);
    return r.ok ? r.value.map((u) => `${u.unitKind}:${u.unitId}@${u.prisonId}`) : r.error;
  };
  it.each([
    ["the province: each prison's centre", ["province"], ["prison:p1@p1", "prison:p2@p2"]],
    ["a prison", ["p2"], ["prison:p2@p2"]],
    ["a sub-block, directly", ["p1-b1-s1"], ["subBlock:p1-b1-s1@p1"]],
    ["a block and its prison: both, distinct", ["p1-b1", "p1"], ["block:p1-b1@p1", "prison:p1@p1"]],
    ["duplicates once", ["p1", "province", "p1"], ["prison:p1@p1", "prison:p2@p2"]],
    ["mixed", ["p2-b1", "p1-b2", "p1-b1-s1"], ["block:p2-b1@p2", "block:p1-b2@p1", "subBlock:p1-b1-s1@p1"]],
  ])("%s", (_, targets, expected) => {
    expect(units(targets)).toEqual(expected);
  });
  it("names the unknown unit's index", () => {
    expect(units(["p1", "p9"])).toEqual({ code: "validation", field: "targets.1", message: expect.any(String) });
  });
  it("the province of an empty tree reaches nobody", () => {
    const r = expandTargets({ prisons: [] }, ["province"]);
    expect(r.ok ? null : r.error.field).toBe("targets");
  });
  it("keeps the names from the prison down", () => {
    const r = expandTargets(tree, ["p1-b1-s1"]);
    expect(r.ok && r.value[0]?.path).toEqual(["盘锦监狱", "一监区", "一分监区"]);
  });
});
