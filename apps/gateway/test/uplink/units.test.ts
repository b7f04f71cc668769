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
import { Forwarder } from "../../src/features/uplink/forwarder";
import { isForwarded, toItem, type UplinkItem, upperSourceId, withoutPlace } from "../../src/features/uplink/items";
import { PendingSeqs } from "../../src/features/uplink/pending";
import type { SendOutcome } from "../../src/features/uplink/sender";

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
      const eventLog = {
        async *read(after: number) {
          for (const r of rows) if (r.seq > after) yield r;
        },
        async get(seqs: readonly number[]) {
          return seqs.map((s) => rows.find((r) => r.seq === s) as StoredEvent);
        },
      };
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
        probe: async () => true,
        now: () => ++t,
        rng: () => 0,
        log: { info() {}, warn() {}, error() {} },
        backoff: { baseMs: 1, capMs: 4 },
        probeEveryMs: 60_000,
      });
      f.start();
      const deadline = Date.now() + 5_000;
      while (f.status().cursor < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      await f.stop();
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
