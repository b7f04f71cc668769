// One record the uplink sends up (an edge event mapped for the bureau's feeds API) and what the mapping
// asks of the edge's state. Types and the empty lookups only: items.ts and handled.ts map into these.
export type UplinkKind = "alarm" | "rollcall" | "receipt" | "handled";

/** The prison of an order's unit when the order came from the bureau (else null): receipts go back up. */
export type UpperOrderOf = (orderId: string, unitId: string) => string | null;

/** What the mapping asks of the edge's state (the forwarder passes the live projections). */
export interface UplinkLookups {
  /** The prison of an order's unit when the order came from the bureau (else null). */
  upperOrder: UpperOrderOf;
  /** The prison of an alarm the uplink forwards (not a roll-call one), else null. */
  upAlarm(alarmId: string): string | null;
  /** The display name of an actor (a user's name; else the actor as written). */
  nameOf(actor: string | null): string;
}

/** Nothing known (unit tests of alarms and roll calls). */
export const noLookups: UplinkLookups = { upperOrder: () => null, upAlarm: () => null, nameOf: (a) => a ?? "" };

export interface UplinkItem {
  /** The edge event's seq: the cursor's unit. */
  seq: number;
  kind: UplinkKind;
  prisonId: string;
  /** The feeds route after /api/v1/feeds/{prisonId}/: alarms, rollcalls, orders/{id}/receipts. */
  path: string;
  sourceId: string;
  /** The feeds API body, without the snapshot. */
  body: Record<string, unknown>;
  /** The edge's snapshot reference (`sha256:<hex>` or inline base64), read by the sender. */
  snapshotRef: string | null;
}
