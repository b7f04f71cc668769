// Builds what the overview routes and the live topic send: the map's per-prison status, today's and the
// last 7 days' figures, stream counts and the alarm ticker, scoped (an operator sees its prison only),
// and the period reports. Reads the projection and the catalogue; `now` is an argument.
import { HOUR_MS, localDate, localTime, prisonStatuses, readFigures, reportFrom } from "@cw/alerts";
import type { Overview, Report, ReportPeriod, StreamCounts, StreamHealth, TreeNode } from "@cw/protocol";
import type { CameraAccess } from "../cameraGroups/access";
import { scrub } from "../cameraGroups/withhold";
import type { CatalogueStore } from "../catalogue/store";
import type { PrisonLinks } from "./links";
import type { OverviewProjection } from "./projection";

const DAY_MS = 24 * HOUR_MS;

/** Blocks per prison (inspection coverage's denominator), from the catalogue tree. */
export function blocksPerPrison(tree: TreeNode): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of tree.children)
    if (p.kind === "prison") out[p.id] = p.children.filter((c) => c.kind === "block").length;
  return out;
}

/** Per camera the best state of its variants (a camera live on either is live; `error` counts as stalled). */
export function streamCounts(health: readonly StreamHealth[], visible: (cameraId: string) => boolean): StreamCounts {
  const rank = { idle: 0, offline: 1, error: 2, stalled: 2, starting: 3, live: 4 } as const;
  const best = new Map<string, StreamHealth["state"]>();
  for (const h of health) {
    if (!visible(h.cameraId)) continue;
    const cur = best.get(h.cameraId);
    if (cur === undefined || rank[h.state] > rank[cur]) best.set(h.cameraId, h.state);
  }
  const out: StreamCounts = { live: 0, starting: 0, stalled: 0, offline: 0, idle: 0 };
  for (const s of best.values()) out[s === "error" ? "stalled" : s] += 1;
  return out;
}

export interface OverviewInputs {
  projection: OverviewProjection;
  catalogue: CatalogueStore;
  health: readonly StreamHealth[];
  now: number;
  /** A prison id (operators) or null (the province). */
  scope: string | null;
  /** Camera groups: the ticker is shared by a scope's readers, so a restricted camera's name leaves it. */
  access: Pick<CameraAccess, "restricted">;
  /** Each prison's link to its edge (null: no edge). */
  links: Pick<PrisonLinks, "of">;
}

/** The ticker as the wire carries it: no camera ids, a restricted camera's id and name scrubbed from titles. */
function tickerOf(
  ticks: OverviewProjection["state"]["ticker"],
  catalogue: CatalogueStore,
  restricted: (cameraId: string) => boolean,
) {
  return ticks.map(({ cameraId, ...t }) =>
    cameraId == null || !restricted(cameraId)
      ? t
      : { ...t, title: scrub(t.title, cameraId, catalogue.camera(cameraId)?.name) },
  );
}

export function overviewOf({ projection, catalogue, health, now, scope, access, links }: OverviewInputs): Overview {
  const s = projection.state;
  const tz = s.tzOffsetMin;
  const midnight = localTime(localDate(now, tz), "00:00", tz);
  const prisonIds = catalogue
    .prisons()
    .map((p) => p.id)
    .filter((id) => scope === null || id === scope);
  const blocks = blocksPerPrison(catalogue.tree(scope));
  const window = (from: number) => ({ from, to: midnight + DAY_MS, unit: scope, blocks });
  const visible = (cameraId: string) => scope === null || catalogue.camera(cameraId)?.prisonId === scope;
  return {
    at: now,
    version: s.version,
    tzOffsetMin: tz,
    prisons: prisonStatuses(s, prisonIds, now, (id) => links.of(id)),
    today: readFigures(s, window(midnight)),
    week: readFigures(s, window(midnight - 6 * DAY_MS)),
    streams: streamCounts(health, visible),
    ticker: tickerOf(
      s.ticker.filter((t) => scope === null || t.prisonId === scope).slice(0, 20),
      catalogue,
      access.restricted,
    ),
  };
}

export function reportOf(
  projection: OverviewProjection,
  catalogue: CatalogueStore,
  period: ReportPeriod,
  date: string,
  unit: string | null,
): Report {
  const tz = projection.tzOffsetMin;
  return reportFrom(projection.state, period, date, {
    tzOffsetMin: tz,
    unit,
    units: catalogue.prisons().map((p) => p.id),
    blocks: blocksPerPrison(catalogue.tree(null)),
  });
}
