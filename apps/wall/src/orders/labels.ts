// Message keys for the orders' enumerations (category, priority, target state, trail facts, lights),
// so components never build keys by hand. Pure.

import type { MessageKey } from "../i18n/i18n";
import { formatBureau } from "../time/clockStore";

export const categoryKeys = {
  custody_security: "orders.cat.custody_security",
  production_safety: "orders.cat.production_safety",
  public_opinion: "orders.cat.public_opinion",
  petitions: "orders.cat.petitions",
  information: "orders.cat.information",
} as const satisfies Record<string, MessageKey>;
export type CategoryId = keyof typeof categoryKeys;
export const categories = Object.keys(categoryKeys) as CategoryId[];

export const categoryKey = (c: string): MessageKey => categoryKeys[c as CategoryId] ?? "orders.cat.information";

export const stateKeys: Record<string, MessageKey> = {
  pending: "orders.state.pending",
  delivered: "orders.state.delivered",
  signed: "orders.state.signed",
  fed_back: "orders.state.fed_back",
  overdue: "orders.state.overdue",
};

export const statusKeys: Record<string, MessageKey> = {
  open: "orders.status.open",
  done: "orders.status.done",
  overdue: "orders.status.overdue",
};

export const trailKeys: Record<string, MessageKey> = {
  "order.issued": "orders.trail.issued",
  "order.delivered": "orders.trail.delivered",
  "order.signed": "orders.trail.signed",
  "order.feedback": "orders.trail.feedback",
  "order.reminded": "orders.trail.reminded",
  "deadline.yellow": "orders.trail.yellow",
  "deadline.red": "orders.trail.red",
  "obligation.escalated": "orders.trail.escalated",
  "obligation.cancelled": "orders.trail.cancelled",
};

/** The worse of a row's two lights (what the matrix cell shows), or "none". */
export function worstLight(a: string | null, b: string | null): "green" | "yellow" | "red" | "none" {
  const rank = { green: 1, yellow: 2, red: 3 } as const;
  const lights = [a, b].filter((l): l is keyof typeof rank => l !== null && l in rank);
  if (lights.length === 0) return "none";
  return lights.reduce((w, l) => (rank[l] > rank[w] ? l : w));
}

/** An order's times on the bureau's clock, "YYYY-MM-DD HH:MM" (the same in every language). */
export function formatTime(ms: number, _lang?: string): string {
  return formatBureau.dateTime(ms, false);
}
