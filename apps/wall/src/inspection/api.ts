// The inspection API as typed functions, validated with the shared protocol schemas.
import {
  type FindingView,
  type InspectionCoverage,
  type InspectionDay,
  type InspectionHistory,
  type InspectionVerify,
  type LayoutId,
  zFindingView,
  zInspectionCoverage,
  zInspectionDay,
  zInspectionHistory,
  zInspectionVerify,
} from "@cw/protocol";
import { z } from "zod";
import { request, requestParsed } from "../api/http";

const base = "/api/v1";
const day = (date: string) => `${base}/inspections/${encodeURIComponent(date)}`;

export const inspectionApi = {
  today: (): Promise<InspectionDay> => requestParsed(zInspectionDay, `${base}/inspections/today`),
  day: (date: string): Promise<InspectionDay> => requestParsed(zInspectionDay, day(date)),
  verify: (date: string): Promise<InspectionVerify> => requestParsed(zInspectionVerify, `${day(date)}/verify`),
  history: (from: string, to: string): Promise<InspectionHistory> =>
    requestParsed(zInspectionHistory, `${base}/inspections?from=${from}&to=${to}`),
  coverage: (from: string, to: string): Promise<InspectionCoverage> =>
    requestParsed(zInspectionCoverage, `${base}/inspections/coverage?from=${from}&to=${to}`),
  redraw: (date: string, reason: string) => request(`${day(date)}/redraw`, { method: "POST", body: { reason } }),
  checklist: (date: string, inspectionId: string, items: { itemId: string; result: "pass" | "issue" }[]) =>
    request(`${day(date)}/checklist?inspectionId=${encodeURIComponent(inspectionId)}`, {
      method: "POST",
      body: { items },
    }),
  finding: (
    date: string,
    body: {
      inspectionId: string;
      note: string;
      severity: number;
      deadlineDays: number;
      snapshot?: string;
      cameraId?: string;
    },
  ) => request(`${day(date)}/findings`, { method: "POST", body }),
  complete: (date: string, inspectionId: string, rating: string, summary: string) =>
    request(`${day(date)}/complete`, { method: "POST", body: { inspectionId, rating, summary } }),
  rectifications: (): Promise<FindingView[]> => requestParsed(z.array(zFindingView), `${base}/rectifications`),
  report: (findingId: string, text: string, photo?: string) =>
    request(`${base}/rectifications/${encodeURIComponent(findingId)}/report`, {
      method: "POST",
      body: photo === undefined ? { text } : { text, photo },
    }),
  review: (findingId: string, decision: "accept" | "return", note: string) =>
    request(`${base}/rectifications/${encodeURIComponent(findingId)}/review`, {
      method: "POST",
      body: { decision, note },
    }),
  pushToScreen: (n: number, layoutId: LayoutId, tiles: (string | null)[]) =>
    request(`${base}/wall/screens/${n}`, { method: "PUT", body: { layoutId, tiles } }),
};
