// The selected node's recording plan: where the plan that applies comes from, and (for those who manage
// recordings) a form — mode, days kept, pre/post-roll for alarm recording, weekly windows for a schedule —
// with save and "clear: inherit from above". Field errors are shown beside the form, in words.
import {
  type RecordingMode,
  type RecordingPlan,
  recordingModes,
  type ScheduleWindow,
  type TreeNode,
} from "@cw/protocol";
import { useState } from "react";
import { useT } from "../i18n/useT";
import type { TreeIndex } from "../tree/treeModel";
import { pathOf } from "../tree/treeModel";
import { draftToPlan, modeKey, overridesBelow, type PlanTable, planAt, planSummary, scopeOf } from "./plansModel";
import type { PlansState } from "./usePlans";

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export function PlanEditor(p: {
  node: TreeNode;
  index: TreeIndex;
  plans: PlanTable;
  state: PlansState;
  readOnly: boolean;
}) {
  const t = useT();
  const at = planAt(p.index, p.plans, p.node.id);
  const [draft, setDraft] = useState<RecordingPlan>(
    at.plan.mode === "off" && !at.own ? { mode: "continuous", retentionDays: 30 } : at.plan,
  );
  const [problem, setProblem] = useState<string | null>(null);
  const scope = scopeOf(p.node);
  const below = overridesBelow(p.plans, p.node);
  const path = pathOf(p.index, p.node.id)
    .map((n) => n.name)
    .join(" / ");
  const set = (patch: Partial<RecordingPlan>) => setDraft({ ...draft, ...patch });
  const save = () => {
    const r = draftToPlan(draft);
    if ("field" in r) {
      setProblem(t("plans.invalid", { field: t(fieldKey(r.field)), message: r.message }));
      return;
    }
    setProblem(null);
    if (scope) void p.state.save(scope, p.node.id, r.plan);
  };
  return (
    <div className="plans-editor" data-testid="plans-editor">
      <h2 className="plans-path">{path}</h2>
      <p className="plans-applies" data-testid="plans-applies">
        {t("plans.applies")}: <strong>{planSummary(t, at.plan)}</strong>{" "}
        <span className="plans-source">
          {at.own ? t("plans.ownPlan") : at.from ? t("plans.from", { name: at.from.name }) : t("plans.noPlan")}
        </span>
      </p>
      {below > 0 && <p className="plans-note">{t("plans.overrides", { n: below })}</p>}
      {!p.readOnly && scope && (
        <form
          className="plans-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <fieldset className="plans-modes">
            <legend>{t("plans.mode")}</legend>
            {recordingModes.map((m: RecordingMode) => (
              <label key={m} className={draft.mode === m ? "plans-mode plans-mode-on" : "plans-mode"}>
                <input
                  type="radio"
                  name="mode"
                  value={m}
                  checked={draft.mode === m}
                  onChange={() => set({ mode: m })}
                  data-testid={`plans-mode-${m}`}
                />
                {t(modeKey[m])}
              </label>
            ))}
          </fieldset>
          {draft.mode !== "off" && (
            <label className="plans-field">
              {t("plans.retention")}
              <input
                type="number"
                min={1}
                max={3650}
                value={draft.retentionDays}
                onChange={(e) => set({ retentionDays: Number(e.target.value) })}
                data-testid="plans-retention"
              />
              {t("plans.days")}
            </label>
          )}
          {draft.mode === "alarm" && (
            <div className="plans-rolls">
              <label className="plans-field">
                {t("plans.preRoll")}
                <input
                  type="number"
                  min={0}
                  max={600}
                  value={draft.preRollS ?? 30}
                  onChange={(e) => set({ preRollS: Number(e.target.value) })}
                  data-testid="plans-preroll"
                />
                {t("plans.seconds")}
              </label>
              <label className="plans-field">
                {t("plans.postRoll")}
                <input
                  type="number"
                  min={0}
                  max={3600}
                  value={draft.postRollS ?? 120}
                  onChange={(e) => set({ postRollS: Number(e.target.value) })}
                  data-testid="plans-postroll"
                />
                {t("plans.seconds")}
              </label>
            </div>
          )}
          {draft.mode === "schedule" && (
            <Windows windows={draft.schedule ?? []} onChange={(schedule) => set({ schedule })} />
          )}
          {problem && (
            <p className="plans-error" role="alert" data-testid="plans-problem">
              {problem}
            </p>
          )}
          <div className="plans-actions">
            <button type="submit" className="btn btn-primary" disabled={p.state.busy} data-testid="plans-save">
              {t("plans.save")}
            </button>
            {at.own && (
              <button
                type="button"
                className="btn"
                disabled={p.state.busy}
                onClick={() => void p.state.clear(scope, p.node.id)}
                data-testid="plans-clear"
              >
                {t("plans.clear")}
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}

function Windows(p: { windows: ScheduleWindow[]; onChange(w: ScheduleWindow[]): void }) {
  const t = useT();
  const update = (i: number, w: ScheduleWindow) => p.onChange(p.windows.map((x, j) => (j === i ? w : x)));
  return (
    <fieldset className="plans-windows">
      <legend>{t("plans.schedule")}</legend>
      {p.windows.map((w, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: windows have no identity beyond their place in the list
        <div key={i} className="plans-window" data-testid={`plans-window-${i}`}>
          {weekdays.map((d) => (
            <label key={d} className={w.days.includes(d) ? "plans-day plans-day-on" : "plans-day"}>
              <input
                type="checkbox"
                checked={w.days.includes(d)}
                onChange={(e) =>
                  update(i, {
                    ...w,
                    days: e.target.checked ? [...w.days, d].sort() : w.days.filter((x) => x !== d),
                  })
                }
              />
              {t(`plans.day${d}` as const)}
            </label>
          ))}
          <input
            type="time"
            value={w.from}
            aria-label={t("plans.windowFrom")}
            onChange={(e) => update(i, { ...w, from: e.target.value })}
          />
          –
          <input
            type="time"
            value={w.to === "24:00" ? "00:00" : w.to}
            aria-label={t("plans.windowTo")}
            onChange={(e) => update(i, { ...w, to: e.target.value })}
          />
          <button
            type="button"
            className="btn btn-small"
            onClick={() => p.onChange(p.windows.filter((_, j) => j !== i))}
          >
            {t("plans.removeWindow")}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        data-testid="plans-add-window"
        onClick={() => p.onChange([...p.windows, { days: [1, 2, 3, 4, 5], from: "08:00", to: "18:00" }])}
      >
        {t("plans.addWindow")}
      </button>
    </fieldset>
  );
}

function fieldKey(field: string) {
  if (field.startsWith("schedule")) return "plans.schedule" as const;
  if (field === "retentionDays") return "plans.retention" as const;
  if (field === "preRollS") return "plans.preRoll" as const;
  if (field === "postRollS") return "plans.postRoll" as const;
  return "plans.mode" as const;
}
