// Each prison's link to its edge gateway (issue 18), as the map, tree and dashboards show it. A runtime
// fact, not history: it comes from the GB/T 28181 service's device table (an edge is a lower platform
// assigned to its prison), reported whole whenever a platform comes online, goes offline or is assigned.
// The log is not folded for it: after a restart the bureau knows no edge online until it registers again,
// which is the truth the log's last online/offline cannot tell. `prisonLinksOf` is the pure fold; the
// holder keeps the result, a version (the overview publisher rebuilds when it moves) and listeners.
import type { PrisonLink } from "@cw/protocol";

/** What the fold needs of a GB device. */
export interface LinkDevice {
  kind: "device" | "platform";
  prisonId: string | null;
  online: boolean;
}

/** Per prison served by an edge: up when any of its platforms is online, else down. Other prisons: absent. */
export function prisonLinksOf(devices: Iterable<LinkDevice>): Map<string, "up" | "down"> {
  const out = new Map<string, "up" | "down">();
  for (const d of devices) {
    if (d.kind !== "platform" || d.prisonId === null) continue;
    if (d.online) out.set(d.prisonId, "up");
    else if (!out.has(d.prisonId)) out.set(d.prisonId, "down");
  }
  return out;
}

export class PrisonLinks {
  private links = new Map<string, "up" | "down">();
  private v = 0;

  /** Moves only when some prison's link changed. */
  get version(): number {
    return this.v;
  }

  /** null: the prison has no edge. */
  of(prisonId: string): PrisonLink {
    return this.links.get(prisonId) ?? null;
  }

  /** The whole device table, folded; true when a prison's link changed. */
  report(devices: Iterable<LinkDevice>): boolean {
    const next = prisonLinksOf(devices);
    const same = next.size === this.links.size && [...next].every(([p, l]) => this.links.get(p) === l);
    if (same) return false;
    this.links = next;
    this.v++;
    return true;
  }
}
