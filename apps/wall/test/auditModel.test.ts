import type { AuditEvent, AuditNames } from "@cw/protocol";
import { auditSubject } from "@cw/protocol";
import { describe, expect, it } from "vitest";
import { auditQuery, durationParts, linkOf, nameBook, noFilters, sentence } from "../src/audit/auditModel";

const names: AuditNames = {
  actors: [{ id: "duty", name: "值班员" }],
  prisons: [{ id: "pj", name: "盘锦监狱" }],
  cameras: [{ id: "pj-cell3", name: "监舍3", label: "盘锦监狱 / 一监区 / 监舍3", prisonId: "pj" }],
  types: ["view.started"],
};
const book = nameBook(names);
const ev = (type: string, actor: string | null, data: unknown): AuditEvent => ({
  seq: 7,
  at: 1_000,
  type,
  actor,
  data,
});

describe("audit filters → query", () => {
  it("sends only what is set; dates are bureau days, `to` the next midnight", () => {
    expect(auditQuery(noFilters, 480)).toBe("");
    const q = new URLSearchParams(
      auditQuery(
        { ...noFilters, actor: "duty", cameraId: "pj-cell3", fromDate: "2026-03-10", toDate: "2026-03-10" },
        480,
      ),
    );
    expect(q.get("actor")).toBe("duty");
    expect(q.get("cameraId")).toBe("pj-cell3");
    expect(Number(q.get("from"))).toBe(Date.parse("2026-03-10T00:00:00+08:00"));
    expect(Number(q.get("to"))).toBe(Date.parse("2026-03-11T00:00:00+08:00"));
    expect(q.has("prisonId")).toBe(false);
  });

  it("ignores a half-typed date and adds extras (the CSV's language)", () => {
    expect(auditQuery({ ...noFilters, fromDate: "2026-03" }, 480, { lang: "en" })).toBe("lang=en");
  });
});

describe("audit rows as sentences", () => {
  it("names the person and the camera's place, and links to its footage at that moment", () => {
    const s = sentence(ev("view.started", "duty", { cameraId: "pj-cell3", prisonId: "pj" }), book);
    expect(s.who).toEqual({ text: "值班员" });
    expect(s.verb).toEqual({ key: "audit.verb.view.started" });
    expect(s.what).toBe("盘锦监狱 · 一监区 · 监舍3");
    expect(s.link).toEqual({ href: "/playback?cameras=pj-cell3&t=1000", route: "playback" });
  });

  it("speaks of the system, a prison's feed and nobody, and shows unknown ids and types as they are", () => {
    expect(sentence(ev("alarm.raised", "feed:pj", { id: "a1", prisonId: "pj" }), book).who).toEqual({
      key: "audit.feed",
      vars: { prison: "盘锦监狱" },
    });
    expect(sentence(ev("inspection.drawn", "system", {}), book).who).toEqual({ key: "audit.system" });
    expect(sentence(ev("login.failed", null, {}), book).who).toEqual({ key: "audit.nobody" });
    const odd = sentence(ev("future.thing", "ghost", { cameraId: "gone" }), book);
    expect(odd).toMatchObject({ who: { text: "ghost" }, verb: { text: "future.thing" }, what: "gone" });
  });

  it("links an alarm to the duty console and an order to its page", () => {
    expect(linkOf({ at: 1 }, auditSubject("alarm.acknowledged", { id: "a1", note: "" }))).toEqual({
      href: "/duty?alarm=a1",
      route: "duty",
    });
    expect(linkOf({ at: 1 }, auditSubject("order.signed", { id: "o-1", unitId: "pj" }))?.href).toBe("/orders/o-1");
    expect(linkOf({ at: 1 }, auditSubject("session.opened", { username: "duty" }))).toBeNull();
  });
});

describe("a view's length", () => {
  it("is read from view.ended in whole seconds and split into hours, minutes and seconds", () => {
    const data = { cameraId: "c", prisonId: "p", durationMs: 192_400 };
    const e = { seq: 1, at: 0, type: "view.ended", actor: "commander", data } as unknown as AuditEvent;
    expect(sentence(e, book).seconds).toBe(192);
    expect(sentence({ ...e, type: "view.started" }, book).seconds).toBeNull();
    expect(durationParts(192)).toEqual({ h: 0, m: 3, s: 12 });
    expect(durationParts(3723)).toEqual({ h: 1, m: 2, s: 3 });
  });
});
