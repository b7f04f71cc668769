// The duty console's and roll-call board's HTTP calls, validated with the shared protocol schemas.
import {
  type AlarmList,
  type AlarmView,
  type RollCallBoard,
  type SlotReports,
  zAlarmList,
  zAlarmView,
  zRollCallBoard,
  zSlotReports,
} from "@cw/protocol";
import { requestParsed } from "../api/http";

const base = "/api/v1";

export interface AlarmQuery {
  state?: string;
  prisonId?: string;
  type?: string;
  light?: string;
  since?: number;
  before?: number;
  q?: string;
  limit?: number;
}

function qs(q: object): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s === "" ? "" : `?${s}`;
}

export const dutyApi = {
  alarms: (q: AlarmQuery = {}): Promise<AlarmList> => requestParsed(zAlarmList, `${base}/alarms${qs(q)}`),
  ack: (id: string, note: string): Promise<AlarmView> =>
    requestParsed(zAlarmView, `${base}/alarms/${encodeURIComponent(id)}/ack`, { method: "POST", body: { note } }),
  resolve: (id: string, disposition: string, note: string): Promise<AlarmView> =>
    requestParsed(zAlarmView, `${base}/alarms/${encodeURIComponent(id)}/resolve`, {
      method: "POST",
      body: { disposition, note },
    }),
  snapshotUrl: (id: string): string => `${base}/alarms/${encodeURIComponent(id)}/snapshot`,
  board: (q: { date?: string; prisonId?: string } = {}): Promise<RollCallBoard> =>
    requestParsed(zRollCallBoard, `${base}/rollcalls/board${qs(q)}`),
  slot: (key: string): Promise<SlotReports> =>
    requestParsed(zSlotReports, `${base}/rollcalls/slots/${encodeURIComponent(key)}`),
};
