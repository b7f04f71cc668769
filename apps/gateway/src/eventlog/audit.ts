// The audit view of the log: every stored event, newest first, filtered by type/actor/time and paged
// by seq. Kept in memory as the log is folded (fine for a centre's volume; a Redis deployment would
// page XREVRANGE instead). Redacts secrets from event data; never changes the log.
import type { AuditEvent, AuditPage, AuditQuery } from "@cw/protocol";
import type { StoredEvent } from "./types";

const secretFields = new Set(["sessionHash", "publishKey"]);

function redact(data: unknown): unknown {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!secretFields.has(k)) out[k] = v;
  return out;
}

export class AuditIndex {
  private readonly events: StoredEvent[] = [];

  apply(e: StoredEvent): void {
    this.events.push(e);
  }

  query(q: AuditQuery): AuditPage {
    const out: AuditEvent[] = [];
    const typeMatch = (t: string) =>
      q.type === undefined || (q.type.endsWith(".") ? t.startsWith(q.type) : t === q.type);
    let next: number | null = null;
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i];
      if (!e) continue;
      if (q.before !== undefined && e.seq >= q.before) continue;
      if (q.since !== undefined && e.at < q.since) continue;
      if (!typeMatch(e.type) || (q.actor !== undefined && e.actor !== q.actor)) continue;
      if (out.length === q.limit) {
        next = out[out.length - 1]?.seq ?? null;
        break;
      }
      out.push({ seq: e.seq, at: e.at, type: e.type, actor: e.actor, data: redact(e.data) });
    }
    return { events: out, next };
  }

  get size(): number {
    return this.events.length;
  }
}
