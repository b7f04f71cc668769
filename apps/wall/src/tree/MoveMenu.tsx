// The menu of places in a prison for a 未分配 camera (the keyboard's and the menu's way of dragging it into
// place): its blocks and sub-blocks in tree order; ↑/↓ or Tab to choose, Enter to move, Escape to close.
import { useEffect, useRef } from "react";
import { useT } from "../i18n/useT";
import type { TreeIndex } from "./treeModel";
import { type MoveState, targetsIn } from "./useUnassignedMove";

export function MoveMenu({ index, state }: { index: TreeIndex; state: MoveState }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const { menu, move, closeMenu } = state;
  useEffect(() => {
    if (menu) ref.current?.querySelector<HTMLElement>("button")?.focus();
  }, [menu]);
  if (!menu || !move) return null;
  const targets = targetsIn(index, menu.prisonId);
  const step = (e: React.KeyboardEvent, d: number) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLElement>("button[data-target]") ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLElement);
    buttons[(i + d + buttons.length) % buttons.length]?.focus();
    e.preventDefault();
  };
  return (
    <div
      className="tree-move-menu"
      data-testid="tree-move-menu"
      role="dialog"
      aria-label={t("tree.moveTitle", { name: menu.name })}
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === "Escape") closeMenu();
        else if (e.key === "ArrowDown") step(e, 1);
        else if (e.key === "ArrowUp") step(e, -1);
        else return;
        e.stopPropagation();
      }}
    >
      <div className="tree-move-title">{t("tree.moveTitle", { name: menu.name })}</div>
      <div className="tree-move-list">
        {targets.length === 0 && <div className="muted pad">{t("tree.moveNone")}</div>}
        {targets.map((target) => (
          <button
            key={target.id}
            type="button"
            data-target
            data-testid={`tree-move-to-${target.id}`}
            className={target.subBlockId ? "sub" : ""}
            onClick={() => move.moveTo(menu.cameraId, target)}
          >
            {target.label}
          </button>
        ))}
      </div>
      <button type="button" data-testid="tree-move-cancel" onClick={closeMenu}>
        {t("tree.moveCancel")}
      </button>
    </div>
  );
}
