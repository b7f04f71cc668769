// Recording plans on any node of the catalogue (prison, block, sub-block, camera): list, set, clear. A
// camera records by its own plan or its nearest ancestor's (@cw/protocol effectivePlan); the camera's
// own route (PUT /api/v1/cameras/{id}/recording) stays as the contract has it. Validated with zod,
// recordings.manage to change, operators kept to their prison.
import { userActor } from "@cw/alerts";
import { AppError, type PlanList, parseWith, zPlanNodeParams, zRecordingPlan } from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { canSeePrison, requireCan, requirePrison } from "../auth/guard";
import type { Session } from "../auth/sessions";
import { visibleCamera } from "../features/catalogue/routes";
import { requireSession } from "../http/auth";
import { orThrow } from "../http/errors";
import type { RecordingHttp } from "./routes";
import type { ScopeNode } from "./service";

type PlanTarget = ScopeNode | { scope: "camera"; id: string; prisonId: string };

export function recordingPlanRoutes(app: FastifyInstance, { core, recording }: RecordingHttp): void {
  /** The node a plan route names, if the caller may see it (a camera through visibleCamera). */
  const planNode = (session: Session, params: unknown): PlanTarget => {
    const { scope, id } = orThrow(parseWith(zPlanNodeParams, params));
    if (scope === "camera") return { scope, id, prisonId: visibleCamera(core, session, id).prisonId };
    const found =
      scope === "prison"
        ? core.catalogue.prison(id) && { prisonId: id }
        : scope === "block"
          ? core.catalogue.block(id)
          : core.catalogue.subBlock(id);
    if (!found) throw new AppError("not_found", `no ${scope} ${id}`, "id");
    requirePrison(session, found.prisonId);
    return { scope, id, prisonId: found.prisonId };
  };

  app.get("/api/v1/recording-plans", async (req): Promise<PlanList> => {
    const session = requireSession(req);
    requireCan(session, "recordings.view");
    const plans = recording.plans((p) => canSeePrison(session, p));
    // A camera's own plan names the camera: not to someone its camera groups leave out.
    return { plans: plans.filter((p) => p.scope !== "camera" || core.access.visible(session, p)) };
  });

  app.put("/api/v1/recording-plans/:scope/:id", async (req) => {
    const session = requireSession(req);
    requireCan(session, "recordings.manage");
    const node = planNode(session, req.params);
    const plan = orThrow(parseWith(zRecordingPlan, req.body));
    const actor = userActor(session.user.username);
    if (node.scope === "camera") return recording.setPlan(actor, { id: node.id, prisonId: node.prisonId }, plan);
    return recording.setScopePlan(actor, node, plan);
  });

  app.delete("/api/v1/recording-plans/:scope/:id", async (req, reply) => {
    const session = requireSession(req);
    requireCan(session, "recordings.manage");
    const node = planNode(session, req.params);
    if (!(await recording.clearPlan(userActor(session.user.username), node)))
      throw new AppError("not_found", `${node.scope} ${node.id} has no plan of its own`, "id");
    return reply.code(204).send();
  });
}
