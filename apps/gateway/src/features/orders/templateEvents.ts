// Order templates' events: a template saved (validated by the domain's zOrderTemplate) or deleted.
// Gateway state like presets: issuing from a template is an ordinary order.issued. Schemas only.
import { zOrderTemplate } from "@cw/alerts";
import { zId } from "@cw/protocol";
import { z } from "zod";

export const templateEvents = {
  "order.template.saved": z.object({ id: zId, template: zOrderTemplate }),
  "order.template.deleted": z.object({ id: zId }),
} as const;
