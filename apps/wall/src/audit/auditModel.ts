// The audit page's pure part: filters → the API's query, a logged event → a sentence ("值班员 查看了
// 盘锦监狱 · 一监区 · 监舍3") and the page it links to (the camera's footage at that time, the alarm, the
// order). Names come from GET /api/v1/audit/names; nothing here reads a store, the clock or the network.
import { type AuditEvent, type AuditNames, auditSubject } from "@cw/protocol";
import { hasKey, type MessageKey } from "../i18n/i18n";

export interface AuditFilters {
  actor: string;
  prisonId: string;
  cameraId: string;
  type: string;
  /** Bureau dates (YYYY-MM-DD), inclusive; "" for open. */
  fromDate: string;
  toDate: string;
}

export const noFilters: AuditFilters = { actor: "", prisonId: "", cameraId: "", type: "", fromDate: "", toDate: "" };

const DAY = 86_400_000;
/** Unix ms of a bureau date's midnight. */
export const bureauMidnight = (date: string, tzOffsetMin: number): number =>
  Date.parse(`${date}T00:00:00Z`) - tzOffsetMin * 60_000;

/** The query string of GET /api/v1/audit (and .csv) for these filters; `to` is the day after toDate. */
export function auditQuery(f: AuditFilters, tzOffsetMin: number, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (f.actor) q.set("actor", f.actor);
  if (f.prisonId) q.set("prisonId", f.prisonId);
  if (f.cameraId) q.set("cameraId", f.cameraId);
  if (f.type) q.set("type", f.type);
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.fromDate)) q.set("from", String(bureauMidnight(f.fromDate, tzOffsetMin)));
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.toDate)) q.set("to", String(bureauMidnight(f.toDate, tzOffsetMin) + DAY));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export interface NameBook {
  actor(id: string): string | undefined;
  prison(id: string): string | undefined;
  camera(id: string): string | undefined;
}

export function nameBook(names: AuditNames | null): NameBook {
  const actors = new Map(names?.actors.map((a) => [a.id, a.name]));
  const prisons = new Map(names?.prisons.map((p) => [p.id, p.name]));
  const cameras = new Map(names?.cameras.map((c) => [c.id, c.label.split(" / ").join(" · ")]));
  return { actor: (id) => actors.get(id), prison: (id) => prisons.get(id), camera: (id) => cameras.get(id) };
}

/** The words of one row; `verb` and `who` are message keys or text already in the user's language. */
export interface AuditSentence {
  who: { key: MessageKey; vars?: Record<string, string> } | { text: string };
  verb: { key: MessageKey } | { text: string };
  /** What it is about, as names ("" when the event names nothing). */
  what: string;
  link: AuditLink | null;
  /** How long a view lasted (view.ended), in whole seconds; null for other events. */
  seconds: number | null;
}

/** A page to open, and the route it is (the page shows the link only to roles that may open it). */
export interface AuditLink {
  href: string;
  route: "orders" | "duty" | "playback";
}

/** The message key of an event type's verb (audit.verb.view.started …), or null for a type without one. */
export function verbKey(type: string): MessageKey | null {
  const key = `audit.verb.${type}`;
  return hasKey(key) ? key : null;
}

export function sentence(e: AuditEvent, book: NameBook): AuditSentence {
  const s = auditSubject(e.type, e.data);
  const a = e.actor;
  const who: AuditSentence["who"] =
    a === null
      ? { key: "audit.nobody" }
      : a === "system" || a.startsWith("system:")
        ? { key: "audit.system" }
        : a.startsWith("feed:")
          ? { key: "audit.feed", vars: { prison: book.prison(a.slice(5)) ?? a.slice(5) } }
          : { text: book.actor(a) ?? a };
  const vk = verbKey(e.type);
  const verb: AuditSentence["verb"] = vk === null ? { text: e.type } : { key: vk };
  const what =
    s.cameraId !== null
      ? (book.camera(s.cameraId) ?? s.cameraId)
      : s.prisonId !== null
        ? (book.prison(s.prisonId) ?? s.prisonId)
        : "";
  const ms = e.type === "view.ended" ? (e.data as { durationMs?: unknown } | null)?.durationMs : undefined;
  const seconds = typeof ms === "number" && Number.isFinite(ms) ? Math.round(ms / 1000) : null;
  return { who, verb, what, link: linkOf(e, s), seconds };
}

/** Where a row leads: an order, an alarm on the duty console, or the camera's footage at that moment. */
export function linkOf(e: Pick<AuditEvent, "at">, s: ReturnType<typeof auditSubject>): AuditLink | null {
  if (s.orderId !== null) return { href: `/orders/${encodeURIComponent(s.orderId)}`, route: "orders" };
  if (s.alarmId !== null) return { href: `/duty?alarm=${encodeURIComponent(s.alarmId)}`, route: "duty" };
  if (s.cameraId !== null) {
    return { href: `/playback?cameras=${encodeURIComponent(s.cameraId)}&t=${e.at}`, route: "playback" };
  }
  return null;
}

/** A view's length in words' parts: hours, minutes, seconds (the page joins them with its units). */
export function durationParts(seconds: number): { h: number; m: number; s: number } {
  return { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60), s: seconds % 60 };
}
