// Templates for recurring orders, as a fold of the log: order.template.saved {id, template, ...} and
// order.template.deleted {id}. Gateway state like presets (the domain has no use for them: issuing
// from a template is an ordinary order.issued with its templateId). Changes only through apply().
import type { OrderTemplate } from "@cw/alerts";
import { zOrderTemplate } from "@cw/alerts";
import type { OrderTemplateWire } from "@cw/protocol";
import type { StoredEvent } from "../eventlog/types";

export const templateEventTypes = { saved: "order.template.saved", deleted: "order.template.deleted" } as const;

export interface SavedTemplate {
  id: string;
  template: OrderTemplate;
  savedAt: number;
  savedBy: string | null;
}

export class TemplateStore {
  private readonly byId = new Map<string, SavedTemplate>();

  apply(e: StoredEvent): void {
    if (e.type === templateEventTypes.saved) {
      const d = e.data as { id?: unknown; template?: unknown };
      const parsed = zOrderTemplate.safeParse(d.template);
      // The route validated it before logging; a bad entry (hand-edited log) is skipped, never fatal.
      if (typeof d.id === "string" && parsed.success) {
        this.byId.set(d.id, { id: d.id, template: parsed.data, savedAt: e.at, savedBy: e.actor });
      }
    } else if (e.type === templateEventTypes.deleted) {
      const id = (e.data as { id?: unknown }).id;
      if (typeof id === "string") this.byId.delete(id);
    }
  }

  snapshot(): Map<string, SavedTemplate> {
    return this.byId;
  }

  restore(data: unknown): void {
    this.byId.clear();
    for (const [id, t] of data as Map<string, SavedTemplate>) this.byId.set(id, t);
  }

  get(id: string): SavedTemplate | undefined {
    return this.byId.get(id);
  }

  list(): SavedTemplate[] {
    return [...this.byId.values()].sort(
      (a, b) => a.template.name.localeCompare(b.template.name) || a.id.localeCompare(b.id),
    );
  }
}

/** The wire form: the attachment stays on the server (it is merged in when an order names the template). */
export function templateWire(t: SavedTemplate): OrderTemplateWire {
  const { attachment, ...rest } = t.template;
  return {
    id: t.id,
    savedAt: t.savedAt,
    savedBy: t.savedBy,
    template: { ...rest, feedbackWithinMin: rest.feedbackWithinMin ?? null, hasAttachment: attachment != null },
  };
}
