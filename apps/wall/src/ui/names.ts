// Names, not ids: what a person reads for a prison, block, sub-block or camera id, from the catalogue
// tree (loaded once per session, reloaded on catalogue changes by the console). Owns: id → name lookups
// for every page. Never shows an id where a name exists; an unknown id (a unit deleted since) is shown as
// it is, so nothing silently disappears.
import { useEffect } from "react";
import { useStore } from "zustand";
import { catalogueStore, loadCatalogue } from "../console/catalogueStore";
import { prisonOf, type TreeIndex } from "../tree/treeModel";

export interface Names {
  /** The unit's or camera's name, or the id when the catalogue does not know it. */
  name(id: string | null | undefined): string;
  /** "盘锦监狱 · 一监区 · 一分监区监舍": the names of the given units, most general first, skipping nulls. */
  place(...ids: Array<string | null | undefined>): string;
  /** true once the catalogue has loaded (before, names fall back to ids). */
  ready: boolean;
}

export function namesOf(index: TreeIndex | null): Names {
  const name = (id: string | null | undefined): string => {
    if (id === null || id === undefined || id === "") return "";
    return index?.byId.get(id)?.name ?? id;
  };
  return {
    name,
    place: (...ids) =>
      ids
        .filter((id): id is string => typeof id === "string" && id !== "")
        .map(name)
        .join(" · "),
    ready: index !== null,
  };
}

/** The prison a camera belongs to, from the catalogue (null before it loads or for an unknown camera). */
export function prisonOfCamera(cameraId: string): string | null {
  const index = catalogueStore.getState().index;
  return index === null ? null : prisonOf(index, cameraId);
}

/** Names for a component; loads the catalogue if no page has yet. */
export function useNames(): Names {
  const index = useStore(catalogueStore, (s) => s.index);
  useEffect(() => {
    if (catalogueStore.getState().tree === null) void loadCatalogue();
  }, []);
  return namesOf(index);
}
