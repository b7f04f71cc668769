// Camera groups (重点监舍, 民警区域 …) on the wire, and THE one rule of who sees a camera. A camera in no
// group is seen by everyone whose prison scope reaches it; a camera in one or more groups only by the
// roles and users those groups name (and by admin). Owns: the group schemas and cameraVisible. Never:
// read a store, a session or the clock — the gateway passes the user, the camera and the group index in.
import { z } from "zod";
import { zId } from "./ids";
import { inScope, type Principal, scopeOf } from "./policy";
import { type Role, zRole } from "./session";

const zUsername = z.string().trim().min(1).max(64);

/** `POST /api/v1/camera-groups` and `PUT /api/v1/camera-groups/{id}`. */
export const zCameraGroupInput = z
  .object({
    name: z.string().trim().min(1).max(64),
    cameraIds: z.array(zId).max(10_000),
    roles: z.array(zRole).max(6),
    users: z.array(zUsername).max(1_000),
  })
  .strict();
export type CameraGroupInput = z.infer<typeof zCameraGroupInput>;

export const zCameraGroup = z.object({
  id: zId,
  name: z.string(),
  cameraIds: z.array(zId),
  roles: z.array(zRole),
  users: z.array(z.string()),
  /** Unix ms of the last save, and who saved it (a username). */
  updatedAt: z.number(),
  updatedBy: z.string().nullable(),
});
export type CameraGroup = z.infer<typeof zCameraGroup>;

/** What the admin's group editor picks from: every camera by name and place, every user by name. */
export const zCameraGroupChoices = z.object({
  cameras: z.array(z.object({ id: zId, name: z.string(), label: z.string(), prisonId: zId })),
  users: z.array(z.object({ username: z.string(), displayName: z.string(), role: zRole })),
});
export type CameraGroupChoices = z.infer<typeof zCameraGroupChoices>;

/** Who asks to see a camera. */
export interface CameraViewer extends Principal {
  readonly username: string;
}

/** The groups by camera (built once per change, read on every list and token). */
export type CameraGroupIndex = ReadonlyMap<string, readonly Pick<CameraGroup, "roles" | "users">[]>;

export function indexCameraGroups(groups: Iterable<Pick<CameraGroup, "cameraIds" | "roles" | "users">>) {
  const byCamera = new Map<string, Array<Pick<CameraGroup, "roles" | "users">>>();
  for (const g of groups) {
    for (const id of new Set(g.cameraIds)) {
      const list = byCamera.get(id) ?? [];
      list.push({ roles: g.roles, users: g.users });
      byCamera.set(id, list);
    }
  }
  return byCamera satisfies CameraGroupIndex;
}

/** The role that sees every camera whatever its groups: the administrator who keeps the groups. */
const seesEveryGroup: Role = "admin";

/**
 * Whether `user` may see `camera`: its prison is within the user's scope, and the camera is in no group,
 * or the user's role or name is in one of its groups (admin always). Every list, play and token asks this.
 */
export function cameraVisible(
  user: CameraViewer,
  camera: { readonly id: string; readonly prisonId: string },
  groups: CameraGroupIndex,
): boolean {
  return inScope(scopeOf(user), camera.prisonId) && groupsAllow(user, camera.id, groups);
}

/**
 * The camera groups' half of cameraVisible alone: whether the groups naming `cameraId` (if any) let the
 * user see it. For a camera the catalogue no longer has (its prison unknown) that an old record names.
 */
export function groupsAllow(user: CameraViewer, cameraId: string, groups: CameraGroupIndex): boolean {
  const mine = groups.get(cameraId);
  if (mine === undefined || mine.length === 0 || user.role === seesEveryGroup) return true;
  return mine.some((g) => g.roles.includes(user.role) || g.users.includes(user.username));
}
