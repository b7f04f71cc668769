// The province tree panel (prison › block › sub-block › camera): the search box, and either the virtualised
// tree (TreeView) or the gateway's search answer (SearchResults). GB channels their catalogue did not place
// wait under their prison's 未分配 (unassigned) group, to be dragged (or moved from a menu) into place.
// Owns: which groups are open, the focused row and the search term. Never fetches the catalogue itself.
import { isUnplaced, type SearchHit } from "@cw/protocol";
import { useMemo, useState } from "react";
import { useStore } from "zustand";
import { catalogueStore } from "../console/catalogueStore";
import { useT } from "../i18n/useT";
import { useCan } from "../session/useCan";
import { MoveMenu } from "./MoveMenu";
import { SearchResults } from "./SearchResults";
import { TreeView } from "./TreeView";
import { cameraCounts, firstCameraPath, groupUnassigned, unassignedId } from "./treeModel";
import { ancestorsOf, visibleRows } from "./treeRows";
import { useTreeSearch } from "./useTreeSearch";
import { useUnassignedMove } from "./useUnassignedMove";

export function TreePanel() {
  const t = useT();
  const catalogueTree = useStore(catalogueStore, (s) => s.tree);
  const index = useStore(catalogueStore, (s) => s.index);
  const cameras = useStore(catalogueStore, (s) => s.cameras);
  const error = useStore(catalogueStore, (s) => s.error);
  const unassignedLabel = t("tree.unassigned");
  const tree = useMemo(() => {
    if (!catalogueTree) return null;
    const waiting = (id: string) => {
      const c = cameras.get(id);
      return c !== undefined && isUnplaced(c);
    };
    return groupUnassigned(catalogueTree, waiting, unassignedLabel);
  }, [catalogueTree, cameras, unassignedLabel]);
  const [query, setQuery] = useState("");
  const search = useTreeSearch(query, catalogueTree);
  const [expanded, setExpanded] = useState<ReadonlySet<string> | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const moveState = useUnassignedMove(index, useCan("cameras.manage"));

  const counts = useMemo(() => (tree ? cameraCounts(tree) : new Map<string, number>()), [tree]);
  const open = useMemo(() => expanded ?? new Set(tree ? firstCameraPath(tree, counts) : []), [expanded, tree, counts]);
  const rows = useMemo(() => (tree ? visibleRows(tree, open) : []), [tree, open]);

  const toggle = (id: string, to: boolean) => {
    const next = new Set(open);
    if (to) next.add(id);
    else next.delete(id);
    setExpanded(next);
  };
  // A group picked in the search answer: back to the tree, its path and itself open, its row focused.
  const reveal = (hit: SearchHit) => {
    if (!index) return;
    const path = ancestorsOf(index.parentOf, hit.id);
    if (hit.unassigned) path.push(unassignedId(hit.prisonId));
    setExpanded(new Set([...open, ...path, hit.id]));
    setFocusId(hit.id);
    setQuery("");
  };

  return (
    <section className="panel tree-panel">
      <div className="panel-title">{t("tree.title")}</div>
      <input
        className="search"
        data-testid="tree-search"
        type="search"
        placeholder={t("tree.search")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {moveState.error && (
        <div className="tree-move-error" data-testid="tree-move-error" role="alert">
          {moveState.error}
        </div>
      )}
      {index && <MoveMenu index={index} state={moveState} />}
      {query.trim() !== "" ? (
        <SearchResults search={search} index={index} onReveal={reveal} />
      ) : error ? (
        <div className="tree muted pad" data-testid="tree" role="tree">
          {error}
        </div>
      ) : !tree ? (
        <div className="tree muted pad" data-testid="tree" role="tree">
          {t("tree.loading")}
        </div>
      ) : (
        <TreeView
          rows={rows}
          counts={counts}
          onToggle={toggle}
          focusId={focusId}
          onFocus={setFocusId}
          move={moveState.move}
        />
      )}
    </section>
  );
}
