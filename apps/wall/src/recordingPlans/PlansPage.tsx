// /recording-plans (录像计划; commanders and whoever holds recordings.manage or .view): the province tree
// with the plan that applies at each node — set here, or inherited from the node above, in words — and
// how many cameras below it record; the selected node's plan in an editor. The rule (a camera records by
// its own plan or its nearest ancestor's) is @cw/protocol's, shared with the gateway.
import type { TreeNode } from "@cw/protocol";
import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { catalogueStore, loadCatalogue } from "../console/catalogueStore";
import { useT } from "../i18n/useT";
import { useCan } from "../session/useCan";
import type { TreeIndex } from "../tree/treeModel";
import { ScrollRegion } from "../ui/ScrollRegion";
import { PlanEditor } from "./PlanEditor";
import { modeKey, type PlanTable, planAt, planSummary, recordingCount } from "./plansModel";
import { type PlansState, usePlans } from "./usePlans";
import "./plans.css";

export function PlansPage() {
  const t = useT();
  const { tree, index } = useStore(catalogueStore);
  const state = usePlans();
  const canManage = useCan("recordings.manage");
  useEffect(() => {
    void loadCatalogue();
  }, []);
  const selectedNode = state.selected && index ? index.byId.get(state.selected) : undefined;
  return (
    <div className="page plans-page" data-testid="plans-page">
      <header className="plans-head">
        <h1 className="plans-title">{t("plans.title")}</h1>
        <p className="plans-hint">{t("plans.hint")}</p>
      </header>
      {state.error && (
        <p className="plans-error" role="alert" data-testid="plans-error">
          {state.error}
        </p>
      )}
      <div className="plans-body">
        <ScrollRegion label={t("plans.tree")} className="plans-tree" testId="plans-tree">
          {tree && index && state.plans ? (
            tree.children.map((p) => (
              <PlanRow key={p.id} node={p} depth={0} index={index} plans={state.plans!} state={state} />
            ))
          ) : (
            <p className="plans-empty">{t("plans.loading")}</p>
          )}
        </ScrollRegion>
        <section className="plans-editor-pane" aria-label={t("plans.editor")}>
          {selectedNode && index && state.plans ? (
            <PlanEditor
              key={`${selectedNode.id}:${state.saved}`}
              node={selectedNode}
              index={index}
              plans={state.plans}
              state={state}
              readOnly={!canManage}
            />
          ) : (
            <p className="plans-empty">{t("plans.pick")}</p>
          )}
        </section>
      </div>
    </div>
  );
}

function PlanRow(p: { node: TreeNode; depth: number; index: TreeIndex; plans: PlanTable; state: PlansState }) {
  const t = useT();
  const { index } = p;
  const [open, setOpen] = useState(p.depth === 0);
  const { node } = p;
  const at = planAt(index, p.plans, node.id);
  const count = node.kind === "camera" ? null : recordingCount(index, p.plans, node);
  const selected = p.state.selected === node.id;
  const hasChildren = node.children.length > 0;
  return (
    <div className="plans-node" data-kind={node.kind}>
      <div
        className={`plans-row${selected ? " plans-row-selected" : ""}`}
        style={{ paddingLeft: 8 + p.depth * 18 }}
        data-testid={`plans-node-${node.id}`}
        data-mode={at.plan.mode}
        data-own={at.own ? "true" : "false"}
      >
        {hasChildren ? (
          <button
            type="button"
            className="plans-toggle"
            aria-expanded={open}
            aria-label={t(open ? "plans.collapse" : "plans.expand", { name: node.name })}
            onClick={() => setOpen(!open)}
          >
            {open ? "▾" : "▸"}
          </button>
        ) : (
          <span className="plans-toggle" />
        )}
        <button type="button" className="plans-name" onClick={() => p.state.select(node.id)} aria-pressed={selected}>
          {node.name}
        </button>
        <span className={`plans-badge plans-${at.plan.mode}${at.own ? " plans-own" : ""}`}>
          {at.own
            ? planSummary(t, at.plan)
            : at.from
              ? t("plans.inherited", { mode: t(modeKey[at.plan.mode]) })
              : t("plans.mode.off")}
        </span>
        <span className="plans-count" title={count ? t("plans.countTitle") : undefined}>
          {count ? t("plans.count", { n: count.recording, of: count.cameras }) : ""}
        </span>
      </div>
      {open && hasChildren && (
        <div className="plans-children">
          {node.children.map((c) => (
            <PlanRow key={c.id} node={c} depth={p.depth + 1} index={index} plans={p.plans} state={p.state} />
          ))}
        </div>
      )}
    </div>
  );
}
