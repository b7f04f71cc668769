// GET /api/v1/audit?actor=&prisonId=&cameraId=&type=&from=&to=&limit=&before=: the event log, newest
// first, for holders of audit.view (administrators, commanders, bureau chiefs; everyone else 403); GET
// /api/v1/audit.csv with the same filters (every matching row, up to MAX_CSV_ROWS); GET
// /api/v1/audit/names: the people, prisons, cameras and event types the rows and filters name. Rows about
// a camera the reader may not see (camera groups) are left out, like everywhere else.
import { type AuditNames, parseWith, zAuditCsvQuery, zAuditQuery } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import type { CameraAccess } from "../cameraGroups/access";
import type { CatalogueStore } from "../catalogue/store";
import type { UserDirectory } from "../users/directory";
import type { AuditIndex, AuditReader, AuditRow } from "./auditIndex";
import { auditCsv } from "./csv";

/** A CSV is one answer in memory: a year of a busy bureau's views is far below this. */
const MAX_CSV_ROWS = 200_000;
const CSV_PAGE = 5_000;

export interface AuditRouteDeps {
  audit: AuditIndex;
  catalogue: CatalogueStore;
  access: CameraAccess;
  /** Who the people in the trail are (display names), config and product users alike. */
  users: Pick<UserDirectory, "get" | "list">;
  tzOffsetMin: number;
}

export function auditRoutes(app: FastifyInstance, deps: AuditRouteDeps): void {
  const { audit, catalogue, access } = deps;
  const reader = (req: Parameters<typeof requireSession>[0]): { session: Session; reader: AuditReader } => {
    const session = requireSession(req);
    requireCan(session, "audit.view");
    return {
      session,
      reader: {
        sees(cameraId) {
          const camera = catalogue.camera(cameraId);
          // A removed camera's rows stay readable unless a group that still names it leaves the reader out.
          return camera === undefined ? access.groupsAllow(session, cameraId) : access.visible(session, camera);
        },
      },
    };
  };

  app.get("/api/v1/audit", async (req) => {
    const r = reader(req);
    return await audit.query(orThrow(parseWith(zAuditQuery, req.query)), r.reader);
  });

  app.get("/api/v1/audit.csv", async (req, reply) => {
    const r = reader(req);
    const q = orThrow(parseWith(zAuditCsvQuery, req.query));
    const rows: AuditRow[] = [];
    let before = q.before;
    while (rows.length < MAX_CSV_ROWS) {
      const page = await audit.rows({ ...q, before, limit: Math.min(CSV_PAGE, MAX_CSV_ROWS - rows.length) }, r.reader);
      rows.push(...page.rows);
      if (page.next === null) break;
      before = page.next;
    }
    const users = deps.users;
    const text = auditCsv(rows, {
      lang: q.lang,
      tzOffsetMin: deps.tzOffsetMin,
      names: {
        user: (name) => users.get(name)?.displayName,
        prison: (id) => catalogue.prison(id)?.name,
        camera: (id) => {
          const c = catalogue.camera(id);
          return c === undefined ? undefined : catalogue.label(c);
        },
      },
    });
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="audit.csv"')
      .header("cache-control", "no-store")
      .send(text);
  });

  app.get("/api/v1/audit/names", async (req): Promise<AuditNames> => {
    const r = reader(req);
    const users = deps.users;
    const actors = new Map<string, string>();
    for (const u of users.list()) actors.set(u.username, u.displayName);
    for (const a of audit.actorNames()) if (!actors.has(a)) actors.set(a, users.get(a)?.displayName ?? a);
    return {
      actors: [...actors].map(([id, name]) => ({ id, name })),
      prisons: catalogue.prisons().map((p) => ({ id: p.id, name: p.name })),
      cameras: catalogue
        .cameras()
        .filter((c) => access.visible(r.session, c))
        .map((c) => ({ id: c.id, name: c.name, label: catalogue.label(c), prisonId: c.prisonId })),
      types: audit.typeNames().sort(),
    };
  });
}
