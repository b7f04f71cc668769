// The audit trail (全程留痕): every logged event, as written, indexed by seq/time/type/actor and served
// newest first to audit.view holders.
import type { Feature, Kernel } from "../feature";
import { AuditIndex } from "./auditIndex";
import { auditRoutes } from "./routes";

export function auditFeature(k: Kernel) {
  const index = new AuditIndex(k.eventLog);
  return {
    name: "audit",
    index,
    state: index,
    routes: (app) => auditRoutes(app, { audit: index }),
  } satisfies Feature & { index: AuditIndex };
}
