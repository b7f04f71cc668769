// The camera groups folded from the log (cameraGroup.saved / cameraGroup.removed), and their index by
// camera that every visibility check reads. Owns the groups; never decides visibility itself (that is
// @cw/protocol cameraVisible) and never appends.
import { type CameraGroup, type CameraGroupIndex, indexCameraGroups } from "@cw/protocol";
import { shownActor } from "../../events/actor";
import type { LoggedEvent } from "../../events/map";

export interface GroupChange {
  readonly before: CameraGroupIndex;
  readonly cameraIds: readonly string[];
}

export class CameraGroupsState {
  private readonly byId = new Map<string, CameraGroup>();
  private cached: CameraGroupIndex | null = null;
  private change: GroupChange | null = null;

  fold(e: LoggedEvent): void {
    if (e.type === "cameraGroup.saved" || e.type === "cameraGroup.removed") {
      const before = this.index();
      const old = this.byId.get(e.data.id)?.cameraIds ?? [];
      const now = e.type === "cameraGroup.saved" ? e.data.cameraIds : [];
      this.change = { before, cameraIds: [...new Set([...old, ...now])] };
    }
    if (e.type === "cameraGroup.saved") {
      const { id, name, cameraIds, roles, users } = e.data;
      this.byId.set(id, { id, name, cameraIds, roles, users, updatedAt: e.at, updatedBy: shownActor(e.actor) });
      this.cached = null;
    } else if (e.type === "cameraGroup.removed") {
      this.byId.delete(e.data.id);
      this.cached = null;
    }
  }

  list(): CameraGroup[] {
    return [...this.byId.values()].sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  }

  get(id: string): CameraGroup | undefined {
    return this.byId.get(id);
  }

  /** The last group change folded: the index before it and the cameras it may have hidden or shown. */
  lastChange(): GroupChange | null {
    return this.change;
  }

  /** The groups by camera, rebuilt after a change (reads are far more frequent than edits). */
  index(): CameraGroupIndex {
    this.cached ??= indexCameraGroups(this.byId.values());
    return this.cached;
  }

  snapshot(): CameraGroup[] {
    return [...this.byId.values()];
  }

  restore(data: unknown): void {
    this.byId.clear();
    for (const g of data as CameraGroup[]) this.byId.set(g.id, g);
    this.cached = null;
  }
}
