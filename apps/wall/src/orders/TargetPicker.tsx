// Picking an order's targets on the province tree: the whole province, prisons, blocks, sub-blocks,
// mixed. A unit under a picked prison is still pickable on its own (it then receives the order itself,
// 触底式); the domain resolves and deduplicates (expandTargets). Controlled: `value` is the pick list.
import type { TreeNode } from "@cw/protocol";
import { useState } from "react";
import { useT } from "../i18n/useT";

const unitKinds = new Set(["prison", "block", "subBlock"]);
export const PROVINCE = "province";

function Node({
  node,
  depth,
  picked,
  toggle,
}: {
  node: TreeNode;
  depth: number;
  picked: ReadonlySet<string>;
  toggle: (id: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const children = node.children.filter((c) => unitKinds.has(c.kind));
  return (
    <li>
      <div className="picker-row" style={{ paddingLeft: `${depth * 1.1}rem` }}>
        {children.length > 0 ? (
          <button
            type="button"
            className="caret-btn"
            data-testid={`order-compose-expand-${node.id}`}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? "▾" : "▸"}
          </button>
        ) : (
          <span className="caret-btn" />
        )}
        <label>
          <input
            type="checkbox"
            data-testid={`order-compose-target-${node.id}`}
            checked={picked.has(node.id)}
            onChange={() => toggle(node.id)}
          />
          {node.name}
        </label>
      </div>
      {open && children.length > 0 && (
        <ul>
          {children.map((c) => (
            <Node key={c.id} node={c} depth={depth + 1} picked={picked} toggle={toggle} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function TargetPicker({
  tree,
  value,
  onChange,
}: {
  tree: TreeNode | null;
  value: readonly string[];
  onChange: (next: string[]) => void;
}) {
  const t = useT();
  const picked = new Set(value);
  const toggle = (id: string) => onChange(picked.has(id) ? value.filter((v) => v !== id) : [...value, id]);
  if (tree === null) return <div className="muted">{t("tree.loading")}</div>;
  return (
    <div className="target-picker" data-testid="order-compose-targets">
      <ul>
        <li>
          <div className="picker-row">
            <span className="caret-btn" />
            <label>
              <input
                type="checkbox"
                data-testid="order-compose-target-province"
                checked={picked.has(PROVINCE)}
                onChange={() => toggle(PROVINCE)}
              />
              {t("orders.province")}
            </label>
          </div>
        </li>
        {tree.children
          .filter((c) => c.kind === "prison")
          .map((p) => (
            <Node key={p.id} node={p} depth={0} picked={picked} toggle={toggle} />
          ))}
      </ul>
    </div>
  );
}
