// Templates for recurring orders, as a fold of the log: order.template.saved {id, template, ...} and
// order.template.deleted {id}. Gateway state like presets (the domain has no use for them: issuing
// from a template is an ordinary order.issued with its templateId). Changes only through apply().
import type { OrderTemplate } from "@cw/alerts";
import type { OrderTemplateWire } from "@cw/protocol";
import { shownActor } from "../../events/actor";
import type { LoggedEvent } from "../../events/map";

export interface SavedTemplate {
  id: string;
  template: OrderTemplate;
  savedAt: number;
  savedBy: string | null;
}

export class TemplateStore {
  private readonly byId = new Map<string, SavedTemplate>();

  fold(e: LoggedEvent): void {
    if (e.type === "order.template.saved") {
      const { id, template } = e.data;
      this.byId.set(id, { id, template, savedAt: e.at, savedBy: shownActor(e.actor) });
    } else if (e.type === "order.template.deleted") {
      this.byId.delete(e.data.id);
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
