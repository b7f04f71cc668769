// The province tree (prison › block › sub-block › camera) with search and a live state dot per
// camera. Click a camera to play it; click a group to open it; drag anything onto the wall. GB channels
// their catalogue did not place wait under their prison's 未分配 (unassigned) group.
import { isUnplaced } from "@cw/protocol";
import { memo, useMemo, useState } from "react";
import { useStore } from "zustand";
import { catalogueStore } from "../console/catalogueStore";
import { startNodeDrag } from "../console/dnd";
import { placeCameras, placeNode } from "../console/wallActions";
import { hasKey, type MessageKey } from "../i18n/i18n";
import { useT } from "../i18n/useT";
import { cameraState } from "../live/health";
import { useLive } from "../live/LiveProvider";
import { cameraCounts, camerasUnder, filterTree, firstCameraPath, groupUnassigned, type ShownNode } from "./treeModel";

function CameraDot({ id }: { id: string }) {
  const state = useLive((s) => cameraState(s.health[id]));
  const t = useT();
  return <span className={`dot dot-${state}`} data-state={state} title={t(`state.${state}`)} />;
}

/** 链路中断 on a prison whose edge link is down (the live overview says so; absent without reports.view). */
function LinkDown({ prisonId }: { prisonId: string }) {
  const down = useLive((s) => s.overview?.prisons.some((p) => p.prisonId === prisonId && p.link === "down") ?? false);
  const t = useT();
  if (!down) return null;
  return (
    <span className="tree-link-down" data-testid={`tree-link-down-${prisonId}`}>
      {t("ov.level.link_down")}
    </span>
  );
}

interface NodeProps {
  node: ShownNode;
  depth: number;
  expanded: ReadonlySet<string>;
  forceOpen: boolean;
  counts: ReadonlyMap<string, number>;
  onToggle: (id: string) => void;
}

const TreeItem = memo(function TreeItem({ node, depth, expanded, forceOpen, counts, onToggle }: NodeProps) {
  const t = useT();
  const isCamera = node.kind === "camera";
  const open = forceOpen || expanded.has(node.id);
  const kindKey = `camKind.${node.cameraKind ?? ""}`;
  const activate = () => (isCamera ? placeNode(node.id) : onToggle(node.id));
  // The 未分配 group is the panel's own, not the catalogue's: it places its cameras itself.
  const placeGroup = () => (node.unassigned ? placeCameras(camerasUnder(node)) : placeNode(node.id));
  return (
    <li role="none">
      <div
        className={`tree-row tree-${node.unassigned ? "unassigned" : node.kind}`}
        style={{ paddingLeft: `${0.4 + depth * 0.9}rem` }}
        data-testid={`tree-node-${node.id}`}
        data-kind={node.kind}
        draggable={node.kind !== "bureau" && !node.unassigned}
        onDragStart={(e) => startNodeDrag(e, node.id, node.kind)}
        role="treeitem"
        tabIndex={0}
        aria-level={depth + 1}
        aria-expanded={isCamera ? undefined : open}
        aria-selected={false}
        onClick={activate}
        onKeyDown={(e) => {
          const toggleTo = e.key === "ArrowRight" ? true : e.key === "ArrowLeft" ? false : null;
          if (e.key === "Enter" || e.key === " ") activate();
          else if (toggleTo !== null && !isCamera && open !== toggleTo) onToggle(node.id);
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
        onDoubleClick={() => !isCamera && node.kind !== "bureau" && placeGroup()}
        title={
          node.unassigned
            ? t("tree.unassignedHint")
            : isCamera && hasKey(kindKey)
              ? t(kindKey as MessageKey)
              : t(`kind.${node.kind}`)
        }
      >
        {isCamera ? <CameraDot id={node.id} /> : <span className={`caret ${open ? "open" : ""}`}>▸</span>}
        <span className="tree-name">{node.name}</span>
        {node.kind === "prison" && !node.unassigned && <LinkDown prisonId={node.id} />}
        {!isCamera && <span className="tree-count">{counts.get(node.id) ?? 0}</span>}
      </div>
      {open && node.children.length > 0 && (
        // biome-ignore lint/a11y/useSemanticElements: a tree's nested level is an ARIA group of treeitems (WAI-ARIA tree pattern), not a form fieldset
        <ul role="group">
          {node.children.map((c) => (
            <TreeItem
              key={c.id}
              node={c}
              depth={depth + 1}
              expanded={expanded}
              forceOpen={forceOpen}
              counts={counts}
              onToggle={onToggle}
            />
          ))}
        </ul>
      )}
    </li>
  );
});

export function TreePanel() {
  const t = useT();
  const catalogueTree = useStore(catalogueStore, (s) => s.tree);
  const cameras = useStore(catalogueStore, (s) => s.cameras);
  const unassignedLabel = t("tree.unassigned");
  const tree = useMemo(() => {
    if (!catalogueTree) return null;
    const waiting = (id: string) => {
      const c = cameras.get(id);
      return c !== undefined && isUnplaced(c);
    };
    return groupUnassigned(catalogueTree, waiting, unassignedLabel);
  }, [catalogueTree, cameras, unassignedLabel]);
  const error = useStore(catalogueStore, (s) => s.error);
  const [query, setQuery] = useState("");
  const [expanded, setExpanded] = useState<Set<string> | null>(null);

  const open = useMemo(() => expanded ?? new Set(tree ? firstCameraPath(tree) : []), [expanded, tree]);
  const shown = useMemo(() => (tree ? filterTree(tree, query) : null), [tree, query]);
  const counts = useMemo(() => (tree ? cameraCounts(tree) : new Map<string, number>()), [tree]);

  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
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
      <div className="tree" data-testid="tree" role="tree">
        {error && <div className="muted pad">{error}</div>}
        {!tree && !error && <div className="muted pad">{t("tree.loading")}</div>}
        {tree && !shown && <div className="muted pad">{t("tree.empty")}</div>}
        {shown && (
          <ul role="none">
            <TreeItem
              node={shown}
              depth={0}
              expanded={open}
              forceOpen={query.trim() !== ""}
              counts={counts}
              onToggle={toggle}
            />
          </ul>
        )}
      </div>
    </section>
  );
}
