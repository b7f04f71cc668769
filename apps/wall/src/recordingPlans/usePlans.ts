// The recording-plans page's state: the plans set on nodes (reloaded after each change), the selected
// node, and the commander's actions. Errors are kept as text for the page. No rendering here.
import type { PlanScope, RecordingPlan } from "@cw/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";
import { errorText } from "../api/errorText";
import { plansApi } from "./plansApi";
import { type PlanTable, planTable } from "./plansModel";

export interface PlansState {
  plans: PlanTable | null;
  selected: string | null;
  error: string | null;
  busy: boolean;
  saved: number;
  select(id: string): void;
  save(scope: PlanScope, id: string, plan: RecordingPlan): Promise<void>;
  clear(scope: PlanScope, id: string): Promise<void>;
}

export function usePlans(): PlansState {
  const [list, setList] = useState<PlanTable | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(0);

  const load = useCallback(
    () =>
      plansApi
        .list()
        .then((r) => setList(planTable(r.plans)))
        .catch((err: unknown) => setError(errorText(err))),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      setError(null);
      try {
        await action();
        await load();
        setSaved((n) => n + 1);
      } catch (err) {
        setError(errorText(err));
      } finally {
        setBusy(false);
      }
    },
    [load],
  );

  return useMemo(
    () => ({
      plans: list,
      selected,
      error,
      busy,
      saved,
      select: setSelected,
      save: (scope, id, plan) => run(() => plansApi.set(scope, id, plan)),
      clear: (scope, id) => run(() => plansApi.clear(scope, id)),
    }),
    [list, selected, error, busy, saved, run],
  );
}
