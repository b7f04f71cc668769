// The orders HTTP API for the wall (docs/api/orders.md), each response validated with the shared
// protocol schemas. No state: the stores and pages call these.
import {
  type OrderSummaryWire,
  type OrderTemplateWire,
  type OrderViewWire,
  zOrderSummaryWire,
  zOrderTemplateWire,
  zOrderViewWire,
} from "@cw/protocol";
import { z } from "zod";
import { request, requestParsed } from "../api/http";

const base = "/api/v1";
const enc = encodeURIComponent;

export interface ComposeBody {
  title: string;
  body: string;
  priority: "routine" | "urgent";
  category: string;
  targets: string[];
  signDeadline: number;
  feedbackDeadline?: number | null;
  attachment?: string | null;
  templateId?: string | null;
}

export interface TemplateBody {
  name: string;
  title: string;
  body: string;
  priority: "routine" | "urgent";
  category: string;
  targets: string[];
  signWithinMin: number;
  feedbackWithinMin?: number | null;
  attachment?: string | null;
}

export const ordersApi = {
  list: (limit = 100): Promise<OrderSummaryWire[]> =>
    requestParsed(z.array(zOrderSummaryWire), `${base}/orders?limit=${limit}`),
  get: (id: string): Promise<OrderViewWire> => requestParsed(zOrderViewWire, `${base}/orders/${enc(id)}`),
  issue: (body: ComposeBody): Promise<OrderViewWire> =>
    requestParsed(zOrderViewWire, `${base}/orders`, { method: "POST", body }),
  sign: (id: string, unitId: string): Promise<OrderViewWire> =>
    requestParsed(zOrderViewWire, `${base}/orders/${enc(id)}/targets/${enc(unitId)}/sign`, {
      method: "POST",
      body: {},
    }),
  feedback: (id: string, unitId: string, text: string, image: string | null): Promise<OrderViewWire> =>
    requestParsed(zOrderViewWire, `${base}/orders/${enc(id)}/targets/${enc(unitId)}/feedback`, {
      method: "POST",
      body: image === null ? { text } : { text, image },
    }),
  remind: (id: string): Promise<{ reminded: string[]; order: OrderViewWire }> =>
    requestParsed(
      z.object({ reminded: z.array(z.string()), order: zOrderViewWire }),
      `${base}/orders/${enc(id)}/remind`,
      {
        method: "POST",
        body: {},
      },
    ),
  templates: (): Promise<OrderTemplateWire[]> => requestParsed(z.array(zOrderTemplateWire), `${base}/order-templates`),
  saveTemplate: (body: TemplateBody): Promise<OrderTemplateWire> =>
    requestParsed(zOrderTemplateWire, `${base}/order-templates`, { method: "POST", body }),
  deleteTemplate: async (id: string): Promise<void> => {
    await request(`${base}/order-templates/${enc(id)}`, { method: "DELETE" });
  },
};

export const attachmentUrl = (id: string) => `${base}/orders/${enc(id)}/attachment`;
export const feedbackImageUrl = (id: string, unitId: string, n: number) =>
  `${base}/orders/${enc(id)}/targets/${enc(unitId)}/feedback/${n}/image`;
