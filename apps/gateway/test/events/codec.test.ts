// The typed event map at the log's edge: actors of rows old and new read one way and show the way the
// wire always showed them; unknown types are not ours; an event that does not fit its schema is never
// written; the checked reading (parseRow) names the bad field.
import { makeEvent } from "@cw/alerts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { actorOfRow, shownActor } from "../../src/events/actor";
import { decodeRow, encode, parseRow } from "../../src/events/codec";
import { domainOf } from "../../src/events/map";

describe("actors", () => {
  it.each([
    // rows written before the typed event map
    ["session.opened", "duty", "user:duty", "duty"],
    ["wall.screen.set", "system:alarm", "system:alarm", "system:alarm"],
    ["alarm.raised", "feed:pj", "feed:pj", "feed:pj"],
    ["deadline.red", "system", "system", "system"],
    ["inspection.drawn", null, "system", "system"],
    ["login.failed", null, "anonymous", null],
    // rows written since
    ["session.opened", "user:duty", "user:duty", "duty"],
    ["login.failed", "anonymous", "anonymous", null],
    ["inspection.drawn", "system", "system", "system"],
  ] as const)("%s by %s reads as %s, shows as %s", (type, stored, actor, shown) => {
    expect(actorOfRow(type, stored)).toBe(actor);
    expect(shownActor(actorOfRow(type, stored))).toBe(shown);
  });

  it("a stored row shows as it always did, whatever its age", () => {
    for (const [stored, shown] of [
      ["duty", "duty"],
      ["user:duty", "duty"],
      [null, null],
      ["anonymous", null],
      ["system:tour", "system:tour"],
    ] as const) {
      expect(shownActor(stored)).toBe(shown);
    }
  });

  it("round-trips any username written today", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/), (name) => {
        const actor = actorOfRow("session.opened", `user:${name}`);
        expect(actor).toBe(`user:${name}`);
        expect(shownActor(actor)).toBe(name);
      }),
    );
  });
});

describe("rows and typed events", () => {
  const acked = makeEvent("alarm.acknowledged", 5, "user:duty", { id: "a", note: "" });

  it("encodes a typed event as the row the log stores, and decodes it back", () => {
    const row = encode(acked);
    expect(row).toEqual({ type: "alarm.acknowledged", at: 5, actor: "user:duty", data: { id: "a", note: "" } });
    const back = decodeRow({ seq: 7, ...row, at: 5 });
    expect(back).toEqual({ seq: 7, ...acked });
    expect(back === null ? null : domainOf(back)).toEqual({ seq: 7, ...acked });
  });

  it("refuses to write data that does not fit the schema", () => {
    const bad = { type: "alarm.acknowledged", at: 5, actor: "user:duty", data: { id: "a" } } as const;
    // @ts-expect-error: the type system refuses it too; encode is the runtime guard behind it
    expect(() => encode(bad)).toThrow(/alarm.acknowledged does not fit its schema: note/);
  });

  it("knows only its own types; the checked reading names the bad field", () => {
    expect(decodeRow({ seq: 1, at: 1, type: "camera.exploded", actor: "duty", data: {} })).toBeNull();
    expect(parseRow({ seq: 1, at: 1, type: "camera.exploded", actor: "duty", data: {} })).toMatchObject({
      ok: false,
      error: { field: "type" },
    });
    expect(parseRow({ seq: 1, at: 1, type: "camera.removed", actor: "duty", data: { id: "no spaces" } })).toMatchObject(
      { ok: false, error: { code: "validation", field: "data.id" } },
    );
    expect(parseRow({ seq: 1, at: 1, type: "camera.removed", actor: "duty", data: { id: "pj-c1" } })).toEqual({
      ok: true,
      value: { seq: 1, at: 1, type: "camera.removed", actor: "user:duty", data: { id: "pj-c1" } },
    });
  });

  it("gives the control plane only its own events", () => {
    const row = {
      seq: 1,
      at: 1,
      type: "session.closed",
      actor: "duty",
      data: { sessionHash: "0".repeat(64), reason: "logout" },
    };
    const e = decodeRow(row);
    expect(e).not.toBeNull();
    expect(e === null ? "none" : domainOf(e)).toBeNull();
  });
});
