// What the uplink forwards, as the bureau's feeds API wants it: an edge event → the record to POST to
// /api/v1/feeds/{prisonId}/alarms or …/rollcalls, with a sourceId derived from the edge's own record id
// (`edge:<id>`), so a re-send after a crash, a timeout or a restart is answered `duplicate` by the bureau.
// Pure: no I/O (a snapshot reference is carried as is; the sender reads the picture).
//
// Not forwarded: alarms the edge raised from a roll call's mismatch (origin `rollcall`): the bureau
// derives its own from the forwarded report, so forwarding both would raise two. Repeats and clears stay
// at the edge; acknowledgements and resolutions of a forwarded alarm go up (handled.ts), except the ones
// the bureau itself sent down (they came from there).
import { createHash } from "node:crypto";
import { heardAt } from "@cw/alerts";
import type { LoggedEvent } from "../../events/map";
import { handledItem, isHandledUp } from "./handled";
import { noLookups, type UplinkItem, type UplinkLookups } from "./record";

export type { UplinkItem, UplinkKind, UplinkLookups, UpperOrderOf } from "./record";
export { noLookups } from "./record";

const SOURCE_MAX = 128;

/** The bureau-side sourceId of an edge record: `edge:<id>`, hashed when the id would not fit. */
export function upperSourceId(edgeId: string): string {
  const plain = `edge:${edgeId}`;
  if (plain.length <= SOURCE_MAX && /^[\x21-\x7e]+$/.test(plain)) return plain;
  return `edge:h:${createHash("sha256").update(edgeId).digest("hex")}`;
}

const receiptKinds = {
  "order.delivered": "delivered",
  "order.signed": "signed",
  "order.feedback": "feedback",
} as const;

/** Whether an event is one the uplink forwards (cheap: called for every event of the log). */
export function isForwarded(e: Pick<LoggedEvent, "type" | "data" | "actor">, look: UplinkLookups = noLookups): boolean {
  if (e.type === "rollcall.reported") return true;
  if (e.type in receiptKinds) {
    const d = e.data as { id: string; unitId: string };
    return look.upperOrder(d.id, d.unitId) !== null;
  }
  if (isHandledUp(e, look)) return true;
  return e.type === "alarm.raised" && (e.data as { origin?: unknown }).origin !== "rollcall";
}

/** The feed record of an edge event, or null for an event the uplink does not forward. */
export function toItem(e: LoggedEvent, look: UplinkLookups = noLookups): UplinkItem | null {
  if (!isForwarded(e, look)) return null;
  if (e.type === "alarm.acknowledged" || e.type === "alarm.resolved") return handledItem(e, look);
  if (e.type === "order.delivered" || e.type === "order.signed" || e.type === "order.feedback") {
    const prisonId = look.upperOrder(e.data.id, e.data.unitId) as string;
    const kind = receiptKinds[e.type];
    const n = e.type === "order.feedback" ? `:${e.data.n}` : "";
    const sourceId = upperSourceId(`${e.data.id}:${e.data.unitId}:${kind}${n}`);
    const detail =
      e.type === "order.signed"
        ? { note: e.data.note }
        : e.type === "order.feedback"
          ? { n: e.data.n, text: e.data.text, image: e.data.image }
          : {};
    return {
      seq: e.seq,
      kind: "receipt",
      prisonId,
      path: `orders/${encodeURIComponent(e.data.id)}/receipts`,
      sourceId,
      body: { sourceId, unitId: e.data.unitId, kind, at: e.at, ...detail },
      snapshotRef: null,
    };
  }
  if (e.type === "alarm.raised") {
    const d = e.data;
    const body: Record<string, unknown> = {
      sourceId: upperSourceId(d.id),
      type: d.type,
      severity: d.severity,
      occurredAt: d.occurredAt,
      blockId: d.blockId,
      subBlockId: d.subBlockId,
      cameraId: d.cameraId,
      title: d.title,
      description: d.description,
    };
    return {
      seq: e.seq,
      kind: "alarm",
      prisonId: d.prisonId,
      path: "alarms",
      sourceId: body.sourceId as string,
      body,
      snapshotRef: d.snapshot,
    };
  }
  if (e.type === "rollcall.reported") {
    const d = e.data;
    const body: Record<string, unknown> = {
      sourceId: upperSourceId(d.id),
      blockId: d.blockId,
      subBlockId: d.subBlockId,
      checkpoint: d.checkpoint,
      scheduledAt: d.scheduledAt,
      reportedAt: d.reportedAt,
      // The edge's own receipt: the bureau judges lateness on it, not on when the link let it through.
      heardAt: heardAt(e),
      expected: d.expected,
      present: d.present,
      absentees: d.absentees,
    };
    return {
      seq: e.seq,
      kind: "rollcall",
      prisonId: d.prisonId,
      path: "rollcalls",
      sourceId: body.sourceId as string,
      body,
      snapshotRef: null,
    };
  }
  return null;
}

/** Place fields the bureau may not know (its catalogue lags the edge's): dropped into the description. */
const placeFields = ["cameraId", "subBlockId", "blockId"] as const;

/**
 * The alarm again without a place field the bureau refused (422 on cameraId / blockId / subBlockId),
 * the edge's value kept in the description; null when nothing can be dropped (roll calls need their block).
 */
export function withoutPlace(item: UplinkItem, field: string | undefined): UplinkItem | null {
  if (item.kind !== "alarm") return null;
  const f = placeFields.find((p) => p === field);
  if (f === undefined || item.body[f] === null || item.body[f] === undefined) return null;
  const drop = f === "blockId" ? (["blockId", "subBlockId"] as const) : ([f] as const);
  const body = { ...item.body };
  const notes: string[] = [];
  for (const k of drop) {
    if (body[k] !== null && body[k] !== undefined) notes.push(`${k}=${String(body[k])}`);
    body[k] = null;
  }
  const before = typeof body.description === "string" && body.description !== "" ? `${body.description}\n` : "";
  body.description = `${before}[edge ${notes.join(" ")}]`.slice(0, 2000);
  return { ...item, body };
}

/**
 * The roll call again without `heardAt`, for a bureau that refused it (an older bureau: unknown key, or the
 * edge's clock ahead of it); null when that was not the refusal. The report still lands, judged on arrival.
 */
export function withoutHeardAt(item: UplinkItem, error: { field?: string; message: string }): UplinkItem | null {
  if (item.kind !== "rollcall" || item.body.heardAt === undefined) return null;
  if (error.field !== "heardAt" && !(error.field === undefined && error.message.includes("heardAt"))) return null;
  const { heardAt: _dropped, ...body } = item.body;
  return { ...item, body };
}

/**
 * The records from the head that may be in flight together so that the bureau records them in this
 * order: the bureau reads a connection's frames in order and decides each at once, but a snapshot is
 * stored before its alarm is appended (a later frame would overtake it), and a roll call is appended
 * a few microtasks sooner than an alarm (it would overtake the alarm before it). So a window is one
 * prison, one kind, and ends after a record carrying a picture; it stops at a null (nothing to forward).
 */
export function windowOf(items: ReadonlyArray<UplinkItem | null>): UplinkItem[] {
  const out: UplinkItem[] = [];
  for (const item of items) {
    if (item === null) break;
    // The feed WebSocket carries alarms and roll calls only: a receipt or a handling goes alone, over HTTP.
    if (item.kind !== "alarm" && item.kind !== "rollcall") return out.length === 0 ? [item] : out;
    const first = out[0];
    if (first !== undefined && (item.prisonId !== first.prisonId || item.kind !== first.kind)) break;
    out.push(item);
    if (item.snapshotRef !== null) break;
  }
  return out;
}
