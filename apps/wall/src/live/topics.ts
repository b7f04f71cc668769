// Validation of what arrives on the live socket, per topic, with the shared zod schemas. A topic we
// do not know yet is ignored (newer gateway); a known topic with a bad payload is an error as data.
import {
  type ApiError,
  fromZod,
  type LiveMessage,
  type LiveTopic,
  type Result,
  zAlarmView,
  zBoardCellView,
  zCamera,
  zInspectionChange,
  zObligationView,
  zOrderLive,
  zOverview,
  zPreset,
  zScreenState,
  zStreamHealth,
} from "@cw/protocol";
import { z } from "zod";

const schemas: { [K in LiveTopic]: z.ZodType } = {
  hello: z.object({ username: z.string(), role: z.string(), serverTime: z.number() }),
  "stream.health": z.array(zStreamHealth),
  "catalogue.camera": z.object({ id: z.string(), camera: zCamera.nullable() }),
  "wall.screen": zScreenState,
  preset: z.object({ id: z.string(), preset: zPreset.nullable() }),
  inspection: zInspectionChange,
  order: zOrderLive,
  alarm: zAlarmView,
  "rollcall.board": z.object({ cells: z.array(zBoardCellView) }),
  obligation: zObligationView,
  overview: zOverview,
};

export type ParsedLive = Result<LiveMessage | null>;

export function parseLiveMessage(raw: string): ParsedLive {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: { code: "invalid_json", message: "live message is not JSON" } };
  }
  if (typeof json !== "object" || json === null || typeof (json as { topic?: unknown }).topic !== "string") {
    const error: ApiError = { code: "bad_request", message: "live message has no topic", field: "topic" };
    return { ok: false, error };
  }
  const { topic, data } = json as { topic: string; data: unknown };
  if (!(topic in schemas)) return { ok: true, value: null };
  const r = schemas[topic as LiveTopic].safeParse(data);
  if (!r.success) return { ok: false, error: fromZod(r.error) };
  return { ok: true, value: { topic, data: r.data } as LiveMessage };
}
