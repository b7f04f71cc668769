// Wires the control plane to the gateway's other parts once they exist: live pushes (alarm,
// rollcall.board, obligation topics, each only to sessions that may see that prison; bureau-level
// obligations only to bureau roles) and the stream registry's health (→ video-loss alarms).
// Returns the stop that undoes both.
import { can, scopeOf } from "@cw/protocol";
import type { StreamRegistry } from "@cw/streams";
import { canSeePrison } from "../auth/guard";
import type { Core } from "../core";
import type { LiveHub } from "../live/hub";

export function wireControl(deps: { core: Core; hub: LiveHub; registry: StreamRegistry }): () => Promise<void> {
  const { core, hub } = deps;
  const offLive = core.control.onLive((msg, prisonId) => {
    const needs = msg.topic === "rollcall.board" ? "rollcalls.view" : "alarms.view";
    hub.publish((session) =>
      can(session.user.role, needs) && (prisonId === null ? scopeOf(session) === null : canSeePrison(session, prisonId))
        ? msg
        : null,
    );
  });
  const offHealth = core.control.watchHealth(deps.registry);
  return async () => {
    offLive();
    await offHealth();
  };
}
