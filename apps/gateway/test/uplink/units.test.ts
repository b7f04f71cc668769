// The uplink's pure parts with injected clock and rng: back-off, the edge event → feed record mapping
// (sourceIds, what is not forwarded, dropping a place the bureau does not know), the pending queue's
// order through the start-up scan, the durable cursor, and the forwarder's loop against a scripted bureau.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../../src/eventlog/types";
import type { LoggedEvent } from "../../src/events/map";
import { backoffDelay } from "../../src/features/uplink/backoff";
import { CursorStore, parseCursor } from "../../src/features/uplink/cursor";
import { downRules, edgeAlarmId } from "../../src/features/uplink/down/rules";
import { Forwarder } from "../../src/features/uplink/forwarder";
import {
  isForwarded,
  noLookups,
  toItem,
  type UplinkItem,
  upperSourceId,
  windowOf,
  withoutHeardAt,
  withoutPlace,
} from "../../src/features/uplink/items";
import { PendingSeqs } from "../../src/features/uplink/pending";
import type { SendOutcome } from "../../src/features/uplink/sender";
import { replyOutcome } from "../../src/features/uplink/window";

const raised = (seq: number, id: string, extra: Record<string, unknown> = {}): StoredEvent => ({
  seq,
  at: 1_750_000_000_000 + seq,
  type: "alarm.raised",
  actor: "feed:pj",
  data: {
    id,
    prisonId: "pj",
    sourceId: `src-${id}`,
    origin: "feed",
    type: "fighting",
    severity: 2,
    occurredAt: 1_750_000_000_000,
    blockId: "pj-b1",
    subBlockId: "pj-b1-s1",
    cameraId: "pj-b1-s1-cell",
    title: null,
    description: null,
    snapshot: null,
    ...extra,
  },
});
const other = (seq: number): StoredEvent => ({ seq, at: seq, type: "session.opened", actor: null, data: {} });
/** An event log holding these rows (read after a seq, get by seqs). */
const logOf = (rows: StoredEvent[]) => ({
  async *read(after: number) {
    for (const r of rows) if (r.seq > after) yield r;
  },
  async get(seqs: readonly number[]) {
    return seqs.map((s) => rows.find((r) => r.seq === s) as StoredEvent);
  },
});
/** The forwarder's other deps for a scripted bureau: instant back-off, no probes, a silent log. */
const quick = {
  probe: async () => true,
  now: () => 1,
  rng: () => 0,
  log: { info() {}, warn() {}, error() {} },
  backoff: { baseMs: 1, capMs: 4 },
  probeEveryMs: 60_000,
};
/** Runs the forwarder until its cursor reaches seq (or 5 s), then stops it. */
async function runUntilCursor(f: Forwarder, seq: number): Promise<void> {
  f.start();
  const deadline = Date.now() + 5_000;
  while (f.status().cursor < seq && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  await f.stop();
}
const logged = (row: StoredEvent) => ({ ...row, actor: "feed:pj" }) as unknown as LoggedEvent;

describe("backoffDelay", () => {
  it.each([
    [1, 0, 125],
    [1, 0.999, 250],
    [2, 0.5, 375],
    [4, 0, 1000],
    [5, 0, 1500],
    [5, 0.999, 2999],
    [50, 0.5, 2250],
  ])("retry %i with rng %f waits %i ms (base 250, cap 3 s, equal jitter)", (attempt, r, ms) => {
    expect(backoffDelay(attempt, () => r)).toBe(ms);
  });
});

describe("edge event → feed record", () => {
  it("maps an alarm with a stable sourceId derived from the edge's alarm id", () => {
    const item = toItem(logged(raised(7, "m1x-abc")));
    expect(item).toMatchObject({ seq: 7, kind: "alarm", prisonId: "pj", sourceId: "edge:m1x-abc" });
    expect(item?.body).toMatchObject({ sourceId: "edge:m1x-abc", type: "fighting", cameraId: "pj-b1-s1-cell" });
    expect(toItem(logged(raised(8, "m1x-abc")))?.sourceId).toBe(item?.sourceId);
  });
  it("sends a roll call with the edge's receipt time (heardAt): the bureau judges lateness on it", () => {
    const report = (seq: number, heardAt?: number): StoredEvent => ({
      seq,
      at: 1_750_000_000_000 + seq,
      type: "rollcall.reported",
      actor: "feed:pj",
      data: {
        id: `r${seq}`,
        prisonId: "pj",
        sourceId: `rc-${seq}`,
        date: "2025-06-15",
        blockId: "pj-b1",
        subBlockId: null,
        checkpoint: "wake_up",
        scheduledAt: 1_749_960_000_000,
        reportedAt: 1_749_999_000_000,
        ...(heardAt === undefined ? {} : { heardAt }),
        expected: 10,
        present: 10,
        absentees: [],
      },
    });
    expect(toItem(logged(report(3)))?.body).toMatchObject({
      heardAt: 1_750_000_000_003,
      reportedAt: 1_749_999_000_000,
    });
    // Forwarded on again (an edge below an edge): the first gateway's receipt is kept.
    expect(toItem(logged(report(4, 1_749_999_500_000)))?.body).toMatchObject({ heardAt: 1_749_999_500_000 });
    // A bureau that does not take it (older: an unknown key; or refused by its clock): sent without it.
    const item = toItem(logged(report(5))) as UplinkItem;
    const unknownKey = { message: 'body: Unrecognized key: "heardAt"' };
    expect(withoutHeardAt(item, unknownKey)?.body).not.toHaveProperty("heardAt");
    expect(withoutHeardAt(item, { field: "heardAt", message: "heardAt: is in the future" })?.body).toMatchObject({
      reportedAt: 1_749_999_000_000,
    });
    expect(withoutHeardAt(item, { field: "checkpoint", message: "checkpoint: not in the schedule" })).toBeNull();
    expect(withoutHeardAt(toItem(logged(raised(6, "a"))) as UplinkItem, unknownKey)).toBeNull();
  });
  it("hashes an id that would not fit a sourceId", () => {
    const long = "x".repeat(200);
    expect(upperSourceId(long)).toMatch(/^edge:h:[0-9a-f]{64}$/);
    expect(upperSourceId(long)).toBe(upperSourceId(long));
  });
  it("leaves roll-call mismatch alarms to the bureau (it derives them from the forwarded report)", () => {
    expect(isForwarded(logged(raised(1, "a", { origin: "rollcall" })))).toBe(false);
    expect(isForwarded(logged(raised(1, "a", { origin: "stream_health", type: "video_loss" })))).toBe(true);
    expect(isForwarded(logged(other(2)))).toBe(false);
  });
  it("drops a place the bureau refused and keeps it in the description", () => {
    const item = toItem(logged(raised(1, "a"))) as UplinkItem;
    expect(withoutPlace(item, "cameraId")?.body).toMatchObject({
      cameraId: null,
      blockId: "pj-b1",
      description: "[edge cameraId=pj-b1-s1-cell]",
    });
    expect(withoutPlace(item, "blockId")?.body).toMatchObject({ blockId: null, subBlockId: null });
    expect(withoutPlace(item, "severity")).toBeNull();
  });
});

describe("handling across levels (acknowledge, resolve)", () => {
  const handled = (seq: number, type: "alarm.acknowledged" | "alarm.resolved", actor: string): StoredEvent => ({
    seq,
    at: 1_750_000_000_000 + seq,
    type,
    actor,
    data:
      type === "alarm.acknowledged" ? { id: "a1", note: "已派人" } : { id: "a1", disposition: "handled", note: "好" },
  });
  /** As logged, keeping its own actor. */
  const own = (row: StoredEvent) => row as unknown as LoggedEvent;
  const look = {
    ...noLookups,
    upAlarm: (id: string) => (id === "a1" ? "pj" : null),
    nameOf: (a: string | null) => (a === "user:duty" ? "值班员" : (a ?? "")),
  };

  it("sends the edge's own acknowledgement and resolution of a forwarded alarm up, with who", () => {
    expect(toItem(own(handled(5, "alarm.acknowledged", "user:duty")), look)).toMatchObject({
      kind: "handled",
      prisonId: "pj",
      path: "alarm-handling",
      body: { sourceId: "edge:a1", kind: "acknowledged", by: "值班员", note: "已派人" },
    });
    expect(toItem(own(handled(6, "alarm.resolved", "user:duty")), look)?.body).toMatchObject({
      kind: "resolved",
      disposition: "handled",
    });
  });
  it("never sends back what the bureau sent down, nor a handling of an alarm that was not forwarded", () => {
    expect(isForwarded(own(handled(5, "alarm.acknowledged", "system:upper")), look)).toBe(false);
    expect(isForwarded(own(handled(5, "alarm.acknowledged", "user:duty")), noLookups)).toBe(false);
  });
  it("goes alone (over HTTP), never in a window with alarms", () => {
    const h = toItem(own(handled(5, "alarm.acknowledged", "user:duty")), look);
    const a = toItem(logged(raised(6, "b")));
    expect(windowOf([h, a]).map((i) => i.seq)).toEqual([5]);
    expect(windowOf([a, h]).map((i) => i.seq)).toEqual([6]);
  });
  it("bureau side: sends down the bureau's own handling of an edge's alarm only, mapped to the edge's id", () => {
    const rules = downRules({
      alarm: (id) => (id === "b1" ? { prisonId: "pj", sourceId: "edge:a1" } : { prisonId: "pj", sourceId: "x" }),
      nameOf: () => "值班员",
    });
    const ev = (actor: string, id = "b1") =>
      own({ ...handled(9, "alarm.acknowledged", actor), data: { id, note: "" } });
    expect(rules.prisonsOf(ev("user:duty"))).toEqual(["pj"]);
    expect(rules.itemFor(ev("user:duty"), "pj")).toMatchObject({ kind: "alarm.handled", alarmId: "a1", by: "值班员" });
    expect(rules.itemFor(ev("user:duty"), "sy1")).toBeNull();
    expect(rules.prisonsOf(ev("feed:pj"))).toEqual([]); // what the edge sent up
    expect(rules.prisonsOf(ev("user:duty", "local"))).toEqual([]); // not an edge's alarm
    expect(edgeAlarmId("edge:h:00")).toBeNull();
  });
});

describe("PendingSeqs", () => {
  it("keeps log order when live events arrive during the start-up scan", () => {
    const q = new PendingSeqs(10);
    q.scanned(9); // at or before the cursor: already delivered
    q.scanned(12);
    q.live(20);
    q.live(14); // the scan will find it too
    q.scanned(14);
    q.scanDone();
    q.live(21);
    expect(q.peek(10)).toEqual([12, 14, 20, 21]);
    q.shift();
    expect(q.size).toBe(3);
  });
});

describe("CursorStore", () => {
  it("survives a reopen and ignores a damaged file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-uplink-"));
    try {
      const c = await CursorStore.open(dir);
      expect(c.seq).toBe(0);
      for (const s of [3, 5, 4, 9]) c.advance(s);
      await c.flush();
      expect(JSON.parse(readFileSync(join(dir, "cursor.json"), "utf8"))).toEqual({ seq: 9 });
      expect((await CursorStore.open(dir)).seq).toBe(9);
      expect(parseCursor("{bad")).toBe(0);
      expect(parseCursor('{"seq":-1}')).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Forwarder against a scripted bureau", () => {
  it("retries through an outage with back-off, skips what is refused for good, advances the cursor", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-uplink-"));
    try {
      const rows = [raised(1, "a"), other(2), raised(3, "b"), raised(4, "c"), raised(5, "d")];
      const eventLog = logOf(rows);
      const script: SendOutcome[] = [
        { kind: "accepted", id: "u1", duplicate: false }, // a
        { kind: "retry", status: 0, error: { code: "unavailable", message: "down" } }, // b: link dead
        { kind: "retry", status: 503, error: { code: "unavailable", message: "log" } },
        { kind: "accepted", id: "u2", duplicate: true }, // b: it had arrived after all
        { kind: "refused", status: 422, error: { code: "validation", message: "cam", field: "cameraId" } }, // c
        { kind: "accepted", id: "u3", duplicate: false }, // c without its camera
        { kind: "refused", status: 422, error: { code: "validation", message: "no", field: "severity" } }, // d
      ];
      const sent: Array<{ sourceId: string; cameraId: unknown }> = [];
      const cursor = await CursorStore.open(dir);
      let t = 0;
      const f = new Forwarder({
        eventLog,
        cursor,
        async send(item) {
          sent.push({ sourceId: item.sourceId, cameraId: item.body.cameraId });
          const out = script.shift();
          if (out === undefined) throw new Error("more sends than scripted");
          return out;
        },
        ...quick,
        now: () => ++t,
      });
      await runUntilCursor(f, 5);
      expect(sent.map((s) => s.sourceId)).toEqual([
        "edge:a",
        "edge:b",
        "edge:b",
        "edge:b",
        "edge:c",
        "edge:c",
        "edge:d",
      ]);
      expect(sent[5]?.cameraId).toBeNull();
      expect(f.status()).toMatchObject({ queued: 0, delivered: 3, duplicates: 1, rejected: 1, link: "up", cursor: 5 });
      expect((await CursorStore.open(dir)).seq).toBe(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("windowOf: what may be in flight together and still be recorded in order", () => {
  const alarm = (seq: number, extra: Record<string, unknown> = {}) => toItem(logged(raised(seq, `a${seq}`, extra)));
  const rollcall = (seq: number): UplinkItem => ({
    seq,
    kind: "rollcall",
    prisonId: "pj",
    path: "rollcalls",
    sourceId: `edge:r${seq}`,
    body: {},
    snapshotRef: null,
  });
  it.each([
    ["plain alarms all go", [alarm(1), alarm(2), alarm(3)], [1, 2, 3]],
    ["stops at a roll call after alarms", [alarm(1), alarm(2), rollcall(3), alarm(4)], [1, 2]],
    ["ends after a picture", [alarm(1), alarm(2, { snapshot: "sha256:ab" }), alarm(3)], [1, 2]],
    ["stops at another prison", [alarm(1), alarm(2, { prisonId: "px" })], [1]],
    ["stops at a record not forwarded", [alarm(1), null, alarm(3)], [1]],
    ["empty at a null head", [null, alarm(2)], []],
  ])("%s", (_name, items, seqs) => {
    expect(windowOf(items).map((i) => i.seq)).toEqual(seqs);
  });
});

describe("replyOutcome: a feed WebSocket reply as the forwarder acts on it", () => {
  it.each([
    [
      { ref: 1, ok: true, id: "u1", duplicate: true },
      { kind: "accepted", id: "u1", duplicate: true },
    ],
    [
      { ref: 1, ok: false, code: "unavailable", message: "m" },
      { kind: "retry", status: 503 },
    ],
    [
      { ref: 1, ok: false, code: "bad_signature", message: "m" },
      { kind: "retry", status: 401 },
    ],
    [
      { ref: 1, ok: false, code: "validation", message: "m", field: "cameraId" },
      { kind: "refused", status: 422 },
    ],
    [
      { ref: 1, ok: false, code: "too_large", message: "m" },
      { kind: "refused", status: 413 },
    ],
    [
      { ref: 1, ok: false, code: "nonsense" },
      { kind: "refused", status: 400 },
    ],
  ])("%j", (reply, out) => {
    expect(replyOutcome(reply)).toMatchObject(out);
  });
});

describe("Forwarder with a window in flight", () => {
  it("advances over the acknowledged prefix, sends the first failure alone, re-sends the rest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-uplink-"));
    try {
      const rows = [1, 2, 3, 4, 5].map((s) => raised(s, `w${s}`));
      const eventLog = logOf(rows);
      const windows: string[][] = [];
      const singles: string[] = [];
      const cursors: number[] = [];
      const cursor = await CursorStore.open(dir);
      const ok = (duplicate: boolean): SendOutcome => ({ kind: "accepted", id: "u", duplicate });
      const down: SendOutcome = { kind: "retry", status: 0, error: { code: "unavailable", message: "down" } };
      const f = new Forwarder({
        eventLog,
        cursor,
        async sendWindow(items) {
          windows.push(items.map((i) => i.sourceId));
          cursors.push(cursor.seq);
          // First window: w1 acknowledged, w2 lost, w3.. answered (they overtook nothing: re-sent later).
          return windows.length === 1
            ? items.map((_, i) => (i === 0 ? ok(false) : i === 1 ? down : ok(false)))
            : items.map(() => ok(true));
        },
        async send(item) {
          singles.push(item.sourceId);
          return singles.length === 1 ? down : ok(false);
        },
        ...quick,
      });
      await runUntilCursor(f, 5);
      expect(windows).toEqual([
        ["edge:w1", "edge:w2", "edge:w3", "edge:w4", "edge:w5"],
        ["edge:w3", "edge:w4", "edge:w5"],
      ]);
      expect(singles).toEqual(["edge:w2", "edge:w2"]);
      expect(cursors).toEqual([0, 2]);
      expect(f.status()).toMatchObject({ queued: 0, cursor: 5, delivered: 5, duplicates: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
