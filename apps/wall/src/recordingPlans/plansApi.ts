// The recording-plans endpoints (docs/api/recordings.md), parsed with the shared schemas.
import { type PlanList, type PlanScope, type RecordingPlan, zPlanList, zRecordingPlan } from "@cw/protocol";
import { request, requestParsed } from "../api/http";

const node = (scope: PlanScope, id: string) =>
  `/api/v1/recording-plans/${encodeURIComponent(scope)}/${encodeURIComponent(id)}`;

export const plansApi = {
  list: (): Promise<PlanList> => requestParsed(zPlanList, "/api/v1/recording-plans"),
  set: (scope: PlanScope, id: string, plan: RecordingPlan): Promise<RecordingPlan> =>
    requestParsed(zRecordingPlan, node(scope, id), { method: "PUT", body: plan }),
  clear: async (scope: PlanScope, id: string): Promise<void> => {
    await request(node(scope, id), { method: "DELETE" });
  },
};
