// Reading the catalogue: GET /api/v1/tree?shape=nested|columns, /api/v1/prisons, /api/v1/cameras?q=&prisonId=&kind=,
// /api/v1/cameras/search?q=&limit= (the tree's search: prebuilt index, ranked, withheld cameras left out),
// /api/v1/cameras/:id (cameras.manage holders also get the RTMP publishUrl). Operators see only their prison;
// naming another prison's camera, or a camera whose groups leave the user out, is 403 (and such a camera is
// in no tree or list).
import {
  AppError,
  type Camera,
  type CameraDetail,
  type CameraSearchAnswer,
  can,
  idPattern,
  parseWith,
  type SearchHit,
  scopeOf,
  type TreeColumns,
  type TreeNode,
  treeToColumns,
  zCameraKind,
  zCameraSearchQuery,
  zId,
  zTreeQuery,
} from "@cw/protocol";
import { redactUrl } from "@cw/streams";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan, requirePrison } from "../../auth/guard";
import type { Session } from "../../auth/sessions";
import type { Config } from "../../config";
import { requireSession } from "../../http/auth";
import { orThrow } from "../../http/errors";
import { type CameraAccess, pruneTree } from "../cameraGroups/access";
import { searchIndex } from "./searchIndex";
import type { CatalogueStore } from "./store";

const zCameraQuery = z.object({
  q: z.string().max(200).optional(),
  prisonId: zId.optional(),
  kind: zCameraKind.optional(),
});

/** The scope of a session that may see cameras (403 otherwise). */
export function cameraScope(session: Session) {
  requireCan(session, "cameras.view");
  return scopeOf(session);
}

/** Where a camera is looked up and who may see it (the camera groups' one rule). */
export interface CameraLookup {
  catalogue: CatalogueStore;
  access: CameraAccess;
}

/**
 * The camera the session may see, or 403 (no cameras.view, another prison, a camera group that does not
 * name the user) / 404 (unknown).
 */
export function visibleCamera({ catalogue, access }: CameraLookup, session: Session, id: string): Camera {
  requireCan(session, "cameras.view");
  const camera = idPattern.test(id) ? catalogue.camera(id) : undefined;
  if (!camera) throw new AppError("not_found", `no camera ${id}`, "id");
  access.require(session, camera);
  return camera;
}

/** What the catalogue's routes read: the store, who sees what, and the config for RTMP publish URLs. */
export interface CatalogueRouteDeps extends CameraLookup {
  config: Config;
}

export function publishUrl({ catalogue, config }: CatalogueRouteDeps, cameraId: string): string | undefined {
  const key = catalogue.publishKey(cameraId);
  if (key === undefined) return undefined;
  const { publicRtmpUrl, host, rtmpPort } = config;
  return `${publicRtmpUrl ?? `rtmp://${host}:${rtmpPort}`}/live/${cameraId}?key=${key}`;
}

/** An RTSP camera's `user:pass@` is shown to cameras.manage holders (commanders) only. */
export function shownCamera(session: Session, camera: Camera): Camera {
  if (camera.source.kind !== "rtsp" || can(session.user.role, "cameras.manage")) return camera;
  const { url, subUrl } = camera.source;
  const source = { ...camera.source, url: redactUrl(url), ...(subUrl ? { subUrl: redactUrl(subUrl) } : {}) };
  return { ...camera, source };
}

export function cameraDetail(d: CatalogueRouteDeps, session: Session, camera: Camera): CameraDetail {
  const url = can(session.user.role, "cameras.manage") ? publishUrl(d, camera.id) : undefined;
  const shown = shownCamera(session, camera);
  return url === undefined ? shown : { ...shown, publishUrl: url };
}

export function catalogueRoutes(app: FastifyInstance, deps: CatalogueRouteDeps): void {
  const { catalogue, access } = deps;
  // ?shape=columns: the same tree as flat columns (treeColumns.ts), what the wall's console asks for.
  app.get("/api/v1/tree", async (req): Promise<TreeNode | TreeColumns> => {
    const session = requireSession(req);
    const { shape } = orThrow(parseWith(zTreeQuery, req.query));
    const tree = pruneTree(catalogue.tree(cameraScope(session)), (id) => {
      const camera = catalogue.camera(id);
      return camera !== undefined && access.visible(session, camera);
    });
    return shape === "columns" ? treeToColumns(tree) : tree;
  });

  app.get("/api/v1/prisons", async (req) => {
    const scope = cameraScope(requireSession(req));
    return catalogue.prisons().filter((p) => scope === null || p.id === scope);
  });

  app.get("/api/v1/cameras", async (req) => {
    const session = requireSession(req);
    const q = orThrow(parseWith(zCameraQuery, req.query));
    let prisonId = cameraScope(session);
    if (q.prisonId !== undefined) {
      if (!catalogue.prison(q.prisonId)) throw new AppError("not_found", `no prison ${q.prisonId}`, "prisonId");
      requirePrison(session, q.prisonId);
      prisonId = q.prisonId;
    }
    const found = catalogue
      .search(q.q ?? "", prisonId)
      .filter((c) => access.visible(session, c))
      .map((c) => shownCamera(session, c));
    return q.kind === undefined ? found : found.filter((c) => c.kind === q.kind);
  });

  // Registered before /cameras/:id (a static segment wins in find-my-way anyway; this keeps it readable).
  app.get("/api/v1/cameras/search", async (req): Promise<CameraSearchAnswer> => {
    const session = requireSession(req);
    const scope = cameraScope(session);
    const q = orThrow(parseWith(zCameraSearchQuery, req.query));
    const allow = (hit: SearchHit) => {
      if (hit.kind !== "camera") return true;
      return access.visible(session, hit);
    };
    return searchIndex(catalogue.searchIndex(), q.q, { limit: q.limit, prisonId: scope, allow });
  });

  app.get<{ Params: { id: string } }>("/api/v1/cameras/:id", async (req) => {
    const session = requireSession(req);
    return cameraDetail(deps, session, visibleCamera(deps, session, req.params.id));
  });
}
