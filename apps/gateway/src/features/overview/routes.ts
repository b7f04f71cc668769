// The overview issue's reads: GET /api/v1/overview (map status + key figures + ticker), GET
// /api/v1/reports (a period report as JSON) and GET /api/v1/reports.csv (the same as a download).
// Scope: an operator sees its own prison; asking for another prison's or the province's report is 403.
import { localDate, toCsv } from "@cw/alerts";
import { AppError, parseWith, scopeOf, zReportQuery } from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { CatalogueStore } from "../catalogue/store";
import { csvLabels } from "./csvLabels";
import type { OverviewProjection } from "./projection";
import { type OverviewInputs, overviewOf, reportOf } from "./view";

export interface OverviewRouteDeps {
  overview: OverviewProjection;
  catalogue: CatalogueStore;
  access: OverviewInputs["access"];
  links: OverviewInputs["links"];
  now: () => number;
  media: Pick<StreamRegistry, "health">;
}

/** The report's unit for this session: a prison id, or null for the province. */
export function reportUnit(catalogue: CatalogueStore, session: Session, unit: string | undefined): string | null {
  requireCan(session, "reports.view");
  const scope = scopeOf(session);
  const wanted = unit === undefined ? (scope ?? "province") : unit;
  if (wanted !== "province" && !catalogue.prison(wanted))
    throw new AppError("not_found", `no prison ${wanted}`, "unit");
  if (scope !== null && wanted !== scope) {
    throw new AppError("forbidden", "a prison centre sees its own prison's reports only", "unit");
  }
  return wanted === "province" ? null : wanted;
}

export function overviewRoutes(app: FastifyInstance, deps: OverviewRouteDeps): void {
  const { overview, catalogue, now, media } = deps;
  app.get("/api/v1/overview", async (req) => {
    const session = requireSession(req);
    requireCan(session, "reports.view");
    return overviewOf({
      projection: overview,
      catalogue: catalogue,
      health: media.health(),
      now: now(),
      scope: scopeOf(session),
      access: deps.access,
      links: deps.links,
    });
  });

  const read = (session: Session, query: unknown) => {
    const q = orThrow(parseWith(zReportQuery, query));
    const unit = reportUnit(catalogue, session, q.unit);
    const date = q.date ?? localDate(now(), overview.tzOffsetMin);
    const parsed = Date.parse(`${date}T00:00:00Z`);
    if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== date)
      throw new AppError("validation", "date: no such day", "date");
    return { q, report: reportOf(overview, catalogue, q.period, date, unit) };
  };

  app.get("/api/v1/reports", async (req) => read(requireSession(req), req.query).report);

  app.get("/api/v1/reports.csv", async (req, reply) => {
    const { q, report } = read(requireSession(req), req.query);
    const labels = csvLabels(q.lang ?? "zh-CN", (id) => catalogue.prison(id)?.name);
    const name = `report-${report.unit ?? "province"}-${report.period}-${report.label}.csv`;
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${name}"`)
      .header("cache-control", "no-store")
      .send(toCsv(report, labels));
  });
}
