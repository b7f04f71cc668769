// Orders test fixtures: a two-prison tree, a compose body builder, and the tick the gateway's timer runs
// (no blocks report roll calls, so only the obligation engine moves).
import type { DomainEvent, OrderComposeInput, OrgTree } from "../../src/index";
import { defaultRollCallConfig, tick } from "../../src/index";
import type { Harness } from "../fixtures";
import { MIN, T0 } from "../fixtures";

export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export const tree: OrgTree = {
  prisons: [
    {
      id: "p1",
      name: "盘锦监狱",
      blocks: [
        { id: "p1-b1", name: "一监区", subBlocks: [{ id: "p1-b1-s1", name: "一分监区" }] },
        { id: "p1-b2", name: "二监区", subBlocks: [] },
      ],
    },
    { id: "p2", name: "沈阳监狱", blocks: [{ id: "p2-b1", name: "一监区", subBlocks: [] }] },
  ],
};

export function compose(over: Partial<OrderComposeInput> = {}): OrderComposeInput {
  return {
    title: "加强夜间巡查",
    body: "各单位即日起加强夜间巡查。",
    priority: "urgent",
    category: "custody_security",
    targets: ["p1-b1", "p2"],
    signDeadline: T0 + 2 * HOUR,
    feedbackDeadline: T0 + 2 * DAY,
    ...over,
  };
}

/** What the gateway's timer does at `now`: every transition due, appended. */
export function tickAt(h: Harness, now: number): DomainEvent[] {
  const events = tick(h.state, { now, rollcalls: defaultRollCallConfig, blocks: [] });
  h.append(events);
  return events;
}

export const commander = (now: number) => ({ now, actor: "user:commander" as const });
export const operator = (prison: string, now: number) => ({
  now,
  actor: `user:op-${prison}` as const,
  prisonScope: prison,
});
