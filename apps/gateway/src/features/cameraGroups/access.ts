// Who sees which camera, for a session: the one visibility rule (@cw/protocol cameraVisible: prison
// scope + camera groups) bound to the groups' current index. Every camera list, tree, play and HLS/
// recording token, recall, tour, inspection view and audit row of the gateway asks here. Never caches
// an answer (a group edit takes effect on the next request).
import { AppError, type Camera, cameraVisible, groupsAllow, type TreeNode } from "@cw/protocol";
import type { Session } from "../../auth/sessions";
import type { CameraGroupsState } from "./state";

export interface CameraAccess {
  /** Whether the session's user may see the camera. */
  visible(session: Pick<Session, "user">, camera: Pick<Camera, "id" | "prisonId">): boolean;
  /** 403 unless visible (the caller has already answered 404 for an unknown camera). */
  require(session: Pick<Session, "user">, camera: Pick<Camera, "id" | "prisonId">): void;
  /** Whether any group names this camera (restricted cameras stay out of shared expansions). */
  restricted(cameraId: string): boolean;
  /** Whether the camera's groups let the session see it, its prison unknown (a removed camera). */
  groupsAllow(session: Pick<Session, "user">, cameraId: string): boolean;
}

export function cameraAccess(groups: Pick<CameraGroupsState, "index">): CameraAccess {
  const visible: CameraAccess["visible"] = (session, camera) => cameraVisible(session.user, camera, groups.index());
  return {
    visible,
    require(session, camera) {
      if (!visible(session, camera)) throw new AppError("forbidden", "this camera is not visible to you");
    },
    restricted: (cameraId) => (groups.index().get(cameraId)?.length ?? 0) > 0,
    groupsAllow: (session, cameraId) => groupsAllow(session.user, cameraId, groups.index()),
  };
}

/** The tree without the camera leaves `keep` refuses (folders stay: they are the catalogue's shape). */
export function pruneTree(node: TreeNode, keep: (cameraId: string) => boolean): TreeNode {
  if (node.kind === "camera") return node;
  const children: TreeNode[] = [];
  for (const c of node.children) {
    if (c.kind === "camera") {
      if (keep(c.id)) children.push(c);
    } else children.push(pruneTree(c, keep));
  }
  return { ...node, children };
}
