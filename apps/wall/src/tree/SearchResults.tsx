// The tree's search answer (the gateway's ranked hits) as a virtualised flat list: each hit with where it
// is (盘锦监狱 › 一监区 › 一分监区). Click a camera to play it, click a group to show it in the tree,
// double-click a group to fill the wall, drag anything onto the wall. ↑/↓ move, Enter activates.
import type { SearchHit } from "@cw/protocol";
import { useMemo, useRef } from "react";
import { startNodeDrag } from "../console/dnd";
import { placeCamera, placeNode } from "../console/wallActions";
import { useT } from "../i18n/useT";
import { CameraDot, LinkDown } from "./TreeRowParts";
import type { TreeIndex } from "./treeModel";
import { ROW_PX, useRowWindow } from "./useRowWindow";
import type { TreeSearch } from "./useTreeSearch";

interface Props {
  search: TreeSearch;
  /** The tree the wall holds: a camera it no longer has (removed, withheld) leaves the answer at once. */
  index: TreeIndex | null;
  /** Shows a group in the tree (the search box is cleared, its path opened, the row focused). */
  onReveal: (hit: SearchHit) => void;
}

export function SearchResults({ search, index, onReveal }: Props) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const hits = useMemo(() => {
    const all = search.answer?.hits ?? [];
    return index === null ? all : all.filter((h) => h.kind !== "camera" || index.byId.has(h.id));
  }, [search.answer, index]);
  const { window: win, onScroll, reveal } = useRowWindow(ref, hits.length);
  const unassigned = t("tree.unassigned");

  const activate = (hit: SearchHit) => (hit.kind === "camera" ? placeCamera(hit.id) : onReveal(hit));
  const focusAt = (i: number) => {
    const hit = hits[Math.max(0, Math.min(hits.length - 1, i))];
    if (!hit) return;
    reveal(hits.indexOf(hit));
    requestAnimationFrame(() =>
      ref.current?.querySelector<HTMLElement>(`[data-testid="tree-node-${CSS.escape(hit.id)}"]`)?.focus(),
    );
  };
  const onKey = (e: React.KeyboardEvent, i: number) => {
    const hit = hits[i];
    if (!hit) return;
    if (e.key === "Enter" || e.key === " ") activate(hit);
    else if (e.key === "ArrowDown") focusAt(i + 1);
    else if (e.key === "ArrowUp") focusAt(i - 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const shown = hits.slice(win.start, win.end);
  const total = search.answer?.total ?? 0;
  return (
    <>
      <div className="search-status muted" data-testid="tree-search-status" aria-live="polite">
        {search.error ??
          (search.answer === null
            ? t("tree.searching")
            : total > hits.length
              ? t("tree.hitsCapped", { n: hits.length, total })
              : t("tree.hits", { n: total }))}
      </div>
      <div
        className="tree tree-results"
        data-testid="tree"
        role="tree"
        aria-busy={search.busy}
        ref={ref}
        onScroll={onScroll}
      >
        {search.answer !== null && hits.length === 0 && <div className="muted pad">{t("tree.empty")}</div>}
        <div className="tree-rows" style={{ height: hits.length * ROW_PX }}>
          {shown.map((hit, k) => {
            const index = win.start + k;
            const path = hit.unassigned ? [...hit.path, unassigned] : hit.path;
            return (
              <div
                key={hit.id}
                className={`tree-row tree-hit tree-${hit.kind}`}
                style={{ top: index * ROW_PX, height: ROW_PX }}
                data-testid={`tree-node-${hit.id}`}
                data-kind={hit.kind}
                draggable
                onDragStart={(e) => startNodeDrag(e, hit.id, hit.kind)}
                role="treeitem"
                tabIndex={k === 0 ? 0 : -1}
                aria-level={1}
                aria-selected={false}
                onClick={() => activate(hit)}
                onKeyDown={(e) => onKey(e, index)}
                onDoubleClick={() => hit.kind !== "camera" && placeNode(hit.id)}
                title={[...path, hit.name].join(" › ")}
              >
                {hit.kind === "camera" ? (
                  <CameraDot id={hit.id} />
                ) : (
                  <span className="hit-kind">{t(`kind.${hit.kind}`)}</span>
                )}
                <span className="tree-name">{hit.name}</span>
                {hit.kind === "prison" && <LinkDown prisonId={hit.id} />}
                <span className="hit-path">{path.join(" › ")}</span>
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
