// The province tree, virtualised: the visible rows (treeRows.ts) of the open groups, of which only the window
// on screen (~40) is in the DOM, each row absolutely placed at index × ROW_PX. Keyboard: ↑/↓ move, → opens
// (or steps into), ← closes (or steps out), Home/End, Enter/Space play a camera or open a group.
// Click a camera to play it; click a group to open it; double-click a group to fill the wall; drag anything.
import { useEffect, useRef } from "react";
import { startNodeDrag } from "../console/dnd";
import { placeCameras, placeNode } from "../console/wallActions";
import { hasKey, type MessageKey } from "../i18n/i18n";
import { useT } from "../i18n/useT";
import { CameraDot, LinkDown } from "./TreeRowParts";
import { camerasUnder } from "./treeModel";
import type { TreeRow } from "./treeRows";
import { ROW_PX, useRowWindow } from "./useRowWindow";
import { type UnassignedMove, useDropTarget } from "./useUnassignedMove";

interface Props {
  rows: readonly TreeRow[];
  counts: ReadonlyMap<string, number>;
  onToggle: (id: string, open: boolean) => void;
  /** The row with the keyboard focus (roving tabindex), and who moves it. */
  focusId: string | null;
  onFocus: (id: string) => void;
  /** Moving 未分配 cameras into place (cameras.manage), or null. */
  move: UnassignedMove | null;
}

function Row({
  row,
  index,
  count,
  tabbable,
  move,
  onActivate,
  onKey,
  onFocus,
}: {
  row: TreeRow;
  index: number;
  count: number | undefined;
  tabbable: boolean;
  move: UnassignedMove | null;
  onActivate: (row: TreeRow) => void;
  onKey: (e: React.KeyboardEvent, index: number) => void;
  onFocus: (id: string) => void;
}) {
  const t = useT();
  const { node, depth, open } = row;
  const isCamera = node.kind === "camera";
  const kindKey = `camKind.${node.cameraKind ?? ""}`;
  const waiting = move?.waiting(row) ?? false;
  const drop = useDropTarget(move, row);
  // The 未分配 group is the panel's own, not the catalogue's: it places its cameras itself.
  const placeGroup = () => (node.unassigned ? placeCameras(camerasUnder(node)) : placeNode(node.id));
  return (
    <div
      className={`tree-row tree-${node.unassigned ? "unassigned" : node.kind}${drop.over ? " drop-over" : ""}`}
      style={{ top: index * ROW_PX, height: ROW_PX, paddingLeft: `${0.4 + depth * 0.9}rem` }}
      data-testid={`tree-node-${node.id}`}
      data-kind={node.kind}
      data-parent={row.parentId ?? undefined}
      draggable={node.kind !== "bureau" && !node.unassigned}
      onDragStart={(e) => {
        startNodeDrag(e, node.id, node.kind);
        if (waiting) move?.dragStart(e, row);
      }}
      onDragEnd={() => move?.dragEnd()}
      {...drop.handlers}
      role="treeitem"
      tabIndex={tabbable ? 0 : -1}
      aria-level={depth + 1}
      aria-expanded={isCamera ? undefined : open}
      aria-selected={false}
      onClick={() => onActivate(row)}
      onFocus={() => onFocus(node.id)}
      onKeyDown={(e) => onKey(e, index)}
      onDoubleClick={() => !isCamera && node.kind !== "bureau" && placeGroup()}
      title={
        node.unassigned
          ? t("tree.unassignedHint")
          : waiting
            ? t("tree.moveHint")
            : isCamera && hasKey(kindKey)
              ? t(kindKey as MessageKey)
              : t(`kind.${node.kind}`)
      }
    >
      {isCamera ? <CameraDot id={node.id} /> : <span className={`caret ${open ? "open" : ""}`}>▸</span>}
      <span className="tree-name">{node.name}</span>
      {node.kind === "prison" && <LinkDown prisonId={node.id} />}
      {waiting && move && (
        <button
          type="button"
          className="tree-move-btn"
          data-testid={`tree-move-${node.id}`}
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            move.pick(row);
          }}
        >
          {t("tree.move")}
        </button>
      )}
      {!isCamera && <span className="tree-count">{count ?? 0}</span>}
    </div>
  );
}

export function TreeView({ rows, counts, onToggle, focusId, onFocus, move }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { window: win, onScroll, reveal } = useRowWindow(ref, rows.length);
  const keyboardMove = useRef(false);
  const focusIndex = focusId === null ? -1 : rows.findIndex((r) => r.node.id === focusId);

  // Mounted with a focused row (a group picked in the search answer): bring it into view and focus it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on mount only
  useEffect(() => {
    if (focusIndex >= 0) keyboardMove.current = true;
  }, []);
  // A keyboard step (or "show in tree") moves the view to the focused row, then the DOM focus onto it.
  useEffect(() => {
    if (!keyboardMove.current || focusIndex < 0) return;
    reveal(focusIndex);
    const el = ref.current?.querySelector<HTMLElement>(`[data-testid="tree-node-${CSS.escape(focusId ?? "")}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      keyboardMove.current = false;
    }
  });

  const focusAt = (i: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, i))];
    if (!row) return;
    keyboardMove.current = true;
    onFocus(row.node.id);
  };
  const activate = (row: TreeRow) =>
    row.node.kind === "camera" ? placeNode(row.node.id) : onToggle(row.node.id, !row.open);
  const onKey = (e: React.KeyboardEvent, i: number) => {
    const row = rows[i];
    if (!row) return;
    const group = row.node.kind !== "camera";
    if (e.key === "Enter" || e.key === " ") activate(row);
    else if (e.key === "ArrowDown") focusAt(i + 1);
    else if (e.key === "ArrowUp") focusAt(i - 1);
    else if (e.key === "Home") focusAt(0);
    else if (e.key === "End") focusAt(rows.length - 1);
    else if (e.key === "ArrowRight" && group && !row.open) onToggle(row.node.id, true);
    else if (e.key === "ArrowRight" && group) focusAt(i + 1);
    else if (e.key === "ArrowLeft" && group && row.open) onToggle(row.node.id, false);
    else if (e.key === "ArrowLeft" && row.parentId !== null) focusAt(rows.findIndex((r) => r.node.id === row.parentId));
    else if ((e.key === "m" || e.key === "M") && move?.waiting(row)) move.pick(row);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const shown = rows.slice(win.start, win.end);
  const tabbableId = focusIndex >= win.start && focusIndex < win.end ? focusId : shown[0]?.node.id;
  return (
    <div className="tree" data-testid="tree" role="tree" ref={ref} onScroll={onScroll}>
      <div className="tree-rows" style={{ height: rows.length * ROW_PX }}>
        {shown.map((row, k) => (
          <Row
            key={row.node.id}
            row={row}
            index={win.start + k}
            count={counts.get(row.node.id)}
            tabbable={row.node.id === tabbableId}
            move={move}
            onActivate={activate}
            onKey={onKey}
            onFocus={onFocus}
          />
        ))}
      </div>
    </div>
  );
}
