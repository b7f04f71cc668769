// THE gateway's event map: every event it appends, by type, with the zod schema of its data — the
// control plane's domain events (@cw/alerts eventSchemas: alarms, roll calls, obligations, orders,
// inspection) and each feature's own (features/<feature>/events.ts). Reading the log back is typed by
// this map; a feature that logs a new kind of event adds its schemas here (one line). Owns no schema.
import { type DomainEvent, eventSchemas as domainEvents } from "@cw/alerts";
import { cameraGroupEvents } from "../features/cameraGroups/events";
import { catalogueEvents } from "../features/catalogue/events";
import { templateEvents } from "../features/orders/templateEvents";
import { sessionEvents } from "../features/sessions/events";
import { streamEvents } from "../features/streams/events";
import { userEvents } from "../features/users/events";
import { wallEvents } from "../features/wall/events";
import { gbEvents } from "../gb28181/events";
import { recordingEvents } from "../recording/events";
import type { Appended, DataOf, Logged } from "./schemas";

export const gatewayEvents = {
  ...domainEvents,
  ...sessionEvents,
  ...userEvents,
  ...catalogueEvents,
  ...cameraGroupEvents,
  ...streamEvents,
  ...wallEvents,
  ...templateEvents,
  ...recordingEvents,
  ...gbEvents,
} as const;

export type GatewayEventMap = DataOf<typeof gatewayEvents>;
export type GatewayEventType = keyof GatewayEventMap;
/** An event read back from the log: narrowing on `type` types its data. */
export type LoggedEvent<K extends GatewayEventType = GatewayEventType> = Logged<GatewayEventMap, K>;
/** An event to append. The domain's DomainEvent is one too. */
export type GatewayEvent<K extends GatewayEventType = GatewayEventType> = Appended<GatewayEventMap, K>;

/** Whether a type string names an event of the map. */
export const isGatewayType = (type: string): type is GatewayEventType => Object.hasOwn(gatewayEvents, type);

/** Narrows an event to the types of `types` (a feature's or the domain's map): its data is typed after. */
export function isOneOf<K extends GatewayEventType>(
  e: LoggedEvent,
  types: Readonly<Record<K, unknown>>,
): e is Extract<LoggedEvent, { type: K }> {
  return Object.hasOwn(types, e.type);
}

/** The control plane's view of an event: the event itself when its type is @cw/alerts', else null. */
export const domainOf = (e: LoggedEvent): DomainEvent | null => (isOneOf(e, domainEvents) ? e : null);
