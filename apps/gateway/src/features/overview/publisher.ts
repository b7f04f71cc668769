// Pushes the live `overview` topic, COALESCED: a timer (default every 300 ms) checks whether anything
// the overview shows may have changed — events folded, stream health, or the clock passing a deadline
// (checked every 5 s), an edge's link — and only then builds one view per scope in use (the province, each operator's
// prison) and sends it to that scope's clients, and only when it differs from the last one sent. A burst
// of 1000 alarms/s thus costs ≈3 views a second, not 1000. Owns its timer and health subscription;
// stop() ends both.
import { can, type LiveMessage, type Overview, scopeOf } from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import type { Session } from "../../auth/sessions";
import type { CatalogueStore } from "../catalogue/store";
import type { PrisonLinks } from "./links";
import type { OverviewProjection } from "./projection";
import { type OverviewInputs, overviewOf } from "./view";

export interface OverviewPublisherOptions {
  projection: OverviewProjection;
  catalogue: CatalogueStore;
  access: OverviewInputs["access"];
  links: Pick<PrisonLinks, "of" | "version">;
  now: () => number;
  streams: Pick<StreamRegistry, "health" | "onHealth">;
  /** The hub's broadcast: `build` makes each connected client's message (null: nothing for it). */
  publish(build: (session: Session) => LiveMessage | null): void;
  intervalMs?: number;
  /** How often the clock alone (a deadline turning red) triggers a rebuild. */
  clockMs?: number;
}

export class OverviewPublisher {
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private healthVersion = 0;
  private lastKey = "";
  private readonly lastSent = new Map<string | null, string>();

  constructor(private readonly opts: OverviewPublisherOptions) {
    this.unsubscribe = opts.streams.onHealth(() => {
      this.healthVersion++;
    });
    this.timer = setInterval(() => this.flush(), opts.intervalMs ?? 300);
    this.timer.unref();
  }

  /** The overview of one scope now (also what a client gets when it connects). */
  build(scope: string | null): Overview {
    const { projection, catalogue, now, streams, access, links } = this.opts;
    return overviewOf({
      projection,
      catalogue,
      access,
      links,
      health: streams.health(),
      now: now(),
      scope,
    });
  }

  private flush(): void {
    const { projection, now, links } = this.opts;
    const key = `${projection.version}|${this.healthVersion}|${links.version}|${Math.floor(now() / (this.opts.clockMs ?? 5000))}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    // One view per scope in use, built on first need; a scope whose view did not change hears nothing.
    const views = new Map<string | null, Overview | null>();
    this.opts.publish((session) => {
      if (!can(session.user.role, "reports.view")) return null;
      const scope = scopeOf(session);
      if (!views.has(scope)) {
        const view = this.build(scope);
        // `at` always moves: compare without it so an unchanged overview is not re-sent.
        const text = JSON.stringify({ ...view, at: 0 });
        const changed = this.lastSent.get(scope) !== text;
        this.lastSent.set(scope, text);
        views.set(scope, changed ? view : null);
      }
      const view = views.get(scope);
      return view ? { topic: "overview", data: view } : null;
    });
  }

  stop(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }
}
