// The duty queue, pure: merge fetched and live alarms (live wins: it is newer), filter by prison, type,
// state and light, and order — the active queue by severity then age (oldest first), history newest
// first. The order and the "severity 1–2 needs a note" rule are the domain's (@cw/alerts alarms/queue.ts),
// the same functions the gateway decides with.
import { compareNewest, compareQueue, isActive } from "@cw/alerts";
import type { AlarmView } from "@cw/protocol";

export interface QueueFilter {
  prisonId: string;
  type: string;
  /** "active" (open + acknowledged) or one state. */
  state: string;
  light: string;
}

export const emptyFilter: QueueFilter = { prisonId: "", type: "", state: "active", light: "" };

export function mergeAlarms(
  fetched: readonly AlarmView[],
  live: Readonly<Record<string, AlarmView>>,
): Record<string, AlarmView> {
  const out: Record<string, AlarmView> = {};
  for (const a of fetched) out[a.id] = a;
  for (const a of Object.values(live)) out[a.id] = a;
  return out;
}

export function matches(a: AlarmView, f: QueueFilter): boolean {
  return (
    (f.prisonId === "" || a.prisonId === f.prisonId) &&
    (f.type === "" || a.type === f.type) &&
    (f.state === "" || (f.state === "active" ? isActive(a) : a.state === f.state)) &&
    (f.light === "" || a.light === f.light)
  );
}

export function queueOf(all: Readonly<Record<string, AlarmView>>, f: QueueFilter): AlarmView[] {
  const list = Object.values(all).filter((a) => matches(a, f));
  return list.sort(f.state === "active" ? compareQueue : compareNewest);
}

/** New alarms (first seen live) that deserve the sound: severity 1–2 and still open. */
export function soundWorthy(arrivals: readonly string[], all: Readonly<Record<string, AlarmView>>): string[] {
  return arrivals.filter((id) => {
    const a = all[id];
    return a !== undefined && a.severity <= 2 && a.state === "open";
  });
}

const stateRank: Record<string, number> = { open: 0, acknowledged: 1, resolved: 2, cleared: 2 };

/** Of two views of one alarm (live push vs our own action's answer), the one further along its life. */
export function laterOf(a: AlarmView | undefined, b: AlarmView): AlarmView {
  if (a === undefined) return b;
  return (stateRank[b.state] ?? 0) > (stateRank[a.state] ?? 0) ? b : a;
}
