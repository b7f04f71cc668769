// The camera-group editor's pure part: a draft from a group (or a new one), toggling a camera, role or
// user, the cameras a search finds (by name and place, never by id alone), and the body to send. No
// React, no network.
import type { CameraGroup, CameraGroupChoices, CameraGroupInput, Role } from "@cw/protocol";

export interface Draft {
  /** null: a group not saved yet. */
  id: string | null;
  name: string;
  cameraIds: string[];
  roles: Role[];
  users: string[];
}

export const newDraft = (): Draft => ({ id: null, name: "", cameraIds: [], roles: [], users: [] });

export const draftOf = (g: CameraGroup): Draft => ({
  id: g.id,
  name: g.name,
  cameraIds: [...g.cameraIds],
  roles: [...g.roles],
  users: [...g.users],
});

export function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

export const bodyOf = (d: Draft): CameraGroupInput => ({
  name: d.name.trim(),
  cameraIds: d.cameraIds,
  roles: d.roles,
  users: d.users,
});

type Choice = CameraGroupChoices["cameras"][number];

/** Cameras whose place and name contain every word of `q` (case-insensitive), at most `limit`. */
export function findCameras(cameras: readonly Choice[], q: string, limit = 200): Choice[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const out: Choice[] = [];
  for (const c of cameras) {
    const hay = `${c.label} ${c.id}`.toLowerCase();
    if (words.every((w) => hay.includes(w))) out.push(c);
    if (out.length === limit) break;
  }
  return out;
}

/** "盘锦监狱 · 一监区 · 监舍3": a camera's place as the editor shows it. */
export const placeOf = (c: Pick<Choice, "label">): string => c.label.split(" / ").join(" · ");
