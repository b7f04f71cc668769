// The daily inspection over HTTP: today's draw and any day's record, verification, history and
// coverage, the chief's actions (redraw, ad-hoc, checklist, findings, completion), rectifications
// (the prison's inbox, its reports, the chief's review) and the pictures. Bodies are validated by the
// deciders (errors as data → 4xx); roles and scope by access.ts. Never decides anything itself.
import { addDays, daysBetween, historyAt, isDate, verifyDay } from "@cw/alerts";
import { AppError, type FindingView, type InspectionVerify } from "@cw/protocol";
import type { FastifyInstance, FastifyReply } from "fastify";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import type { CameraAccess } from "../cameraGroups/access";
import { withholdFinding } from "../cameraGroups/withhold";
import type { CatalogueStore } from "../catalogue/store";
import { actorOf, requireFindingReader, requireInspector } from "./access";
import { catalogueLookup } from "./lookup";
import type { InspectionService } from "./service";
import { coverageView, dayView, historyView, rectificationList } from "./views";

type DateParams = { Params: { date: string } };
type FindingParams = { Params: { findingId: string } };

function checkDate(raw: string, field = "date"): string {
  if (!isDate(raw)) throw new AppError("validation", `${field}: must be YYYY-MM-DD (a real calendar day)`, field);
  return raw;
}

/** ?from=&to= with defaults (the last `days` days); at most a year and from ≤ to. */
function range(q: { from?: string; to?: string }, todayDate: string, days: number): { from: string; to: string } {
  const to = q.to === undefined ? todayDate : checkDate(q.to, "to");
  const from = q.from === undefined ? addDays(to, -(days - 1)) : checkDate(q.from, "from");
  if (from > to) throw new AppError("validation", "from: must not be after to", "from");
  if (daysBetween(from, to) > 366) throw new AppError("validation", "from: a range is at most 366 days", "from");
  return { from, to };
}

function sendJpeg(reply: FastifyReply, base64: string | undefined): FastifyReply {
  if (base64 === undefined) throw new AppError("not_found", "No picture.");
  return reply.type("image/jpeg").header("cache-control", "private, max-age=3600").send(Buffer.from(base64, "base64"));
}

export function inspectionRoutes(
  app: FastifyInstance,
  deps: {
    inspection: InspectionService;
    catalogue: CatalogueStore;
    access: Pick<CameraAccess, "restricted" | "visible">;
    now: () => number;
  },
): void {
  const { inspection, catalogue, access } = deps;
  const ins = inspection;
  const lookup = catalogueLookup(catalogue, access);
  /** Whether the session sees the camera a finding names (camera groups); a finding with none: yes. */
  const seesCamera = (session: Session, f: { cameraId: string | null; prisonId: string }) =>
    f.cameraId === null || access.visible(session, { id: f.cameraId, prisonId: f.prisonId });
  const shown = (session: Session) => (f: FindingView) => (seesCamera(session, f) ? f : withholdFinding(f));
  const day = (date: string, session: Session) => {
    const s = ins.settings;
    const now = deps.now();
    const view = dayView(ins.state, lookup, ins.control(), {
      date,
      today: date === ins.today(),
      drawTime: s.drawTime,
      tzOffsetMin: s.tzOffsetMin,
      nextDate: addDays(date, 1),
      checklist: s.checklist,
      now,
    });
    const findings = shown(session);
    return { ...view, inspections: view.inspections.map((i) => ({ ...i, findings: i.findings.map(findings) })) };
  };

  app.get("/api/v1/inspections/today", async (req) => {
    const session = requireSession(req);
    requireInspector(session);
    return day(ins.today(), session);
  });

  app.get<{ Querystring: { from?: string; to?: string } }>("/api/v1/inspections", async (req) => {
    requireInspector(requireSession(req));
    const { from, to } = range(req.query, ins.today(), 30);
    return historyView(ins.state, lookup, from, to);
  });

  app.get<{ Querystring: { from?: string; to?: string } }>("/api/v1/inspections/coverage", async (req) => {
    requireInspector(requireSession(req));
    const { from, to } = range(req.query, ins.today(), 182);
    return coverageView(ins.state, lookup, from, to);
  });

  app.post("/api/v1/inspections/adhoc", async (req) => ins.adHoc(req.body, requireInspector(requireSession(req))));

  app.get<DateParams>("/api/v1/inspections/:date", async (req) => {
    const session = requireSession(req);
    requireInspector(session);
    return day(checkDate(req.params.date), session);
  });

  app.get<DateParams>("/api/v1/inspections/:date/verify", async (req): Promise<InspectionVerify> => {
    requireCan(requireSession(req), "inspection.verify");
    const date = checkDate(req.params.date);
    const s = ins.state;
    const drawn = s.draws[date] ?? [];
    const inputs = drawn.length === 0 ? undefined : { blocks: lookup.blocks(), recentAlarms: ins.recentAlarms(date) };
    const v = verifyDay(s, date, inputs);
    const committed = s.commitments[date];
    const redraws = s.byId[`draw-${date}`]?.redraws ?? [];
    return {
      ...v,
      events: {
        committed: committed === undefined ? null : { at: committed.at, data: committed.data },
        drawn: drawn.map((d) => ({ at: d.at, data: d.data })),
        redrawn: redraws.map((r) => ({ at: r.at, by: r.by, reason: r.reason })),
      },
      inputs:
        inputs === undefined
          ? null
          : {
              blocks: inputs.blocks,
              lastInspected: { ...historyAt(s, date, inputs.recentAlarms).lastInspected },
              recentAlarms: inputs.recentAlarms,
            },
    };
  });

  app.post<DateParams>("/api/v1/inspections/:date/redraw", async (req) => {
    const by = requireInspector(requireSession(req));
    const body = (req.body ?? {}) as { reason?: unknown };
    return ins.redraw(checkDate(req.params.date), body.reason, by);
  });

  app.post<DateParams & { Querystring: { inspectionId?: string } }>(
    "/api/v1/inspections/:date/checklist",
    async (req) => {
      const by = requireInspector(requireSession(req));
      return ins.checklist(checkDate(req.params.date), req.query.inspectionId, req.body, by);
    },
  );

  app.post<DateParams>("/api/v1/inspections/:date/findings", async (req, reply) => {
    const by = requireInspector(requireSession(req));
    const result = await ins.finding(checkDate(req.params.date), req.body, by);
    return reply.code(201).send(result);
  });

  app.post<DateParams>("/api/v1/inspections/:date/complete", async (req) => {
    const by = requireInspector(requireSession(req));
    return ins.complete(checkDate(req.params.date), req.body, by);
  });

  app.get("/api/v1/rectifications", async (req) => {
    const session = requireSession(req);
    requireCan(session, "rectifications.view");
    return rectificationList(ins.state, lookup, actorOf(session).scope, deps.now()).map(shown(session));
  });

  app.post<FindingParams>("/api/v1/rectifications/:findingId/report", async (req) => {
    const session = requireSession(req);
    requireCan(session, "rectifications.report");
    return ins.report(req.params.findingId, req.body, actorOf(session));
  });

  app.post<FindingParams>("/api/v1/rectifications/:findingId/review", async (req) => {
    const session = requireSession(req);
    requireCan(session, "rectifications.review");
    return ins.review(req.params.findingId, req.body, actorOf(session));
  });

  app.get<FindingParams & { Params: { round: string } }>(
    "/api/v1/rectifications/:findingId/photos/:round",
    async (req, reply) => {
      const f = ins.state.findings[req.params.findingId];
      requireFindingReader(requireSession(req), f?.prisonId);
      return sendJpeg(reply, ins.state.images[`${req.params.findingId}-r${req.params.round}`]);
    },
  );

  app.get<{ Params: { id: string } }>("/api/v1/findings/:id/snapshot", async (req, reply) => {
    const f = ins.state.findings[req.params.id];
    const session = requireSession(req);
    requireFindingReader(session, f?.prisonId);
    // The picture of a camera the reader may not see is withheld with the camera.
    if (f !== undefined && !seesCamera(session, f))
      throw new AppError("forbidden", "this camera is not visible to you");
    return sendJpeg(reply, ins.state.images[req.params.id]);
  });
}
