// Which rule guards each gateway route, in one table a test can read (issue 17): a capability of the
// policy table (@cw/protocol policy.ts), "session" (anyone logged in; the handler may narrow further, e.g.
// one's own sessions), "public", "feed" (a prison's signed feed credential), "token" (the signed HLS or
// recording token in the path) or "metrics" (a session or the METRICS_TOKEN bearer). The handlers still do
// the checking (requireCan); test/http/routePolicy.test.ts asks every route as every role and fails when a
// route has no entry here or answers differently from the policy. Pure data: no I/O.
import type { Capability } from "@cw/protocol";
import type { AuthMode } from "./context";

export type RouteRule = Capability | "session" | "public" | "feed" | "token" | "metrics";

/** "METHOD /path" (fastify's pattern) → its rule. Add a line with every new route. */
export const routePolicy: Readonly<Record<string, RouteRule>> = {
  "GET /healthz": "public",
  "GET /metrics": "metrics",
  "GET /*": "public",
  "GET /api/v1/live": "session",
  // Session and accounts
  "POST /api/v1/session": "public",
  "GET /api/v1/session": "session",
  "DELETE /api/v1/session": "session",
  "PUT /api/v1/session/password": "session",
  "GET /api/v1/users/:username/sessions": "session",
  "DELETE /api/v1/sessions/:sessionId": "session",
  "GET /api/v1/users": "users.manage",
  "POST /api/v1/users": "users.manage",
  "PATCH /api/v1/users/:username": "users.manage",
  "POST /api/v1/users/:username/reset-password": "users.manage",
  "POST /api/v1/users/:username/unlock": "users.manage",
  "GET /api/v1/camera-groups": "cameraGroups.manage",
  "GET /api/v1/camera-groups/choices": "cameraGroups.manage",
  "POST /api/v1/camera-groups": "cameraGroups.manage",
  "PUT /api/v1/camera-groups/:id": "cameraGroups.manage",
  "DELETE /api/v1/camera-groups/:id": "cameraGroups.manage",
  "GET /api/v1/audit": "audit.view",
  "GET /api/v1/audit.csv": "audit.view",
  "GET /api/v1/audit/names": "audit.view",
  // Cameras and streams
  "GET /api/v1/tree": "cameras.view",
  "GET /api/v1/prisons": "cameras.view",
  "GET /api/v1/cameras": "cameras.view",
  "GET /api/v1/cameras/search": "cameras.view",
  "GET /api/v1/cameras/:id": "cameras.view",
  "POST /api/v1/cameras": "cameras.manage",
  "PATCH /api/v1/cameras/:id": "cameras.manage",
  "DELETE /api/v1/cameras/:id": "cameras.manage",
  "GET /api/v1/cameras/:id/play": "cameras.view",
  "GET /hls/:token/:camera/index.m3u8": "token",
  "GET /hls/:token/:camera/:variant/:file": "token",
  "GET /api/v1/streams": "cameras.view",
  "GET /api/v1/streams/transcodes": "cameras.view",
  "POST /api/v1/capabilities": "cameras.view",
  "GET /api/v1/capabilities": "cameras.manage",
  "POST /api/v1/cameras/:id/ptz": "cameras.ptz",
  // The wall
  "GET /api/v1/wall/screens": "wall.view",
  "GET /api/v1/wall/screens/:n": "wall.view",
  "PUT /api/v1/wall/screens/:n": "wall.edit",
  "POST /api/v1/wall/screens/:n/tour": "wall.edit",
  "GET /api/v1/presets": "cameras.view",
  "GET /api/v1/presets/:id": "cameras.view",
  "POST /api/v1/presets": "presets.edit",
  "PUT /api/v1/presets/:id": "presets.edit",
  "DELETE /api/v1/presets/:id": "presets.edit",
  // Alarms, roll calls, feeds
  "GET /api/v1/alarms": "alarms.view",
  "GET /api/v1/alarms/:id": "alarms.view",
  "GET /api/v1/alarms/:id/snapshot": "alarms.view",
  "POST /api/v1/alarms/:id/ack": "alarms.acknowledge",
  "POST /api/v1/alarms/:id/resolve": "alarms.dispose",
  "GET /api/v1/obligations": "alarms.view",
  "GET /api/v1/rollcalls/board": "rollcalls.view",
  "GET /api/v1/rollcalls/slots/:key": "rollcalls.view",
  "POST /api/v1/feeds/:prisonId/alarms": "feed",
  "POST /api/v1/feeds/:prisonId/rollcalls": "feed",
  "GET /api/v1/feeds/:prisonId/ws": "feed",
  // Orders across levels: an edge pulls its prison's orders and sends its units' receipts (docs/api/uplink.md)
  "GET /api/v1/feeds/:prisonId/orders": "feed",
  "POST /api/v1/feeds/:prisonId/orders/:orderId/receipts": "feed",
  // Alarm handling across levels: an edge's acks/resolutions up, the bureau's down with its orders (uplink.md)
  "POST /api/v1/feeds/:prisonId/alarm-handling": "feed",
  "GET /api/v1/feeds/:prisonId/downlink": "feed",
  "GET /api/v1/uplink": "alarms.view",
  // Orders
  "POST /api/v1/orders": "orders.issue",
  "GET /api/v1/orders": "orders.view",
  "GET /api/v1/orders/:id": "orders.view",
  "GET /api/v1/orders/:id/attachment": "orders.view",
  "POST /api/v1/orders/:id/targets/:unitId/sign": "orders.sign",
  "POST /api/v1/orders/:id/targets/:unitId/feedback": "orders.report",
  "GET /api/v1/orders/:id/targets/:unitId/feedback/:n/image": "orders.view",
  "POST /api/v1/orders/:id/remind": "orders.issue",
  "GET /api/v1/order-templates": "orders.issue",
  "POST /api/v1/order-templates": "orders.issue",
  "DELETE /api/v1/order-templates/:id": "orders.issue",
  // Inspection and rectifications
  "GET /api/v1/inspections/today": "inspection.inspect",
  "GET /api/v1/inspections": "inspection.inspect",
  "GET /api/v1/inspections/coverage": "inspection.inspect",
  "POST /api/v1/inspections/adhoc": "inspection.inspect",
  "GET /api/v1/inspections/:date": "inspection.inspect",
  "GET /api/v1/inspections/:date/verify": "inspection.verify",
  "POST /api/v1/inspections/:date/redraw": "inspection.inspect",
  "POST /api/v1/inspections/:date/checklist": "inspection.inspect",
  "POST /api/v1/inspections/:date/findings": "inspection.inspect",
  "POST /api/v1/inspections/:date/complete": "inspection.inspect",
  "GET /api/v1/rectifications": "rectifications.view",
  "POST /api/v1/rectifications/:findingId/report": "rectifications.report",
  "POST /api/v1/rectifications/:findingId/review": "rectifications.review",
  "GET /api/v1/rectifications/:findingId/photos/:round": "rectifications.view",
  "GET /api/v1/findings/:id/snapshot": "rectifications.view",
  // Overview and reports
  "GET /api/v1/overview": "reports.view",
  "GET /api/v1/reports": "reports.view",
  "GET /api/v1/reports.csv": "reports.view",
  // Recordings and evidence
  "GET /api/v1/cameras/:id/recording": "recordings.view",
  "PUT /api/v1/cameras/:id/recording": "recordings.manage",
  "GET /api/v1/cameras/:id/recordings": "recordings.view",
  "GET /api/v1/cameras/:id/playback": "recordings.view",
  "POST /api/v1/cameras/:id/playback/:session/control": "recordings.view",
  "GET /api/v1/cameras/:id/replay": "recordings.view",
  "GET /rec/:token/:camera/:file": "token",
  "POST /api/v1/evidence": "evidence.mark",
  "GET /api/v1/evidence": "recordings.view",
  "GET /api/v1/evidence/public-key": "public",
  "GET /api/v1/evidence/:id": "recordings.view",
  "POST /api/v1/evidence/:id/export": "evidence.export",
  "GET /api/v1/evidence/:id/exports/:file": "recordings.view",
  "GET /api/v1/recording-plans": "recordings.view",
  "PUT /api/v1/recording-plans/:scope/:id": "recordings.manage",
  "DELETE /api/v1/recording-plans/:scope/:id": "recordings.manage",
  // GB/T 28181 (the add-on)
  "GET /api/v1/gb/devices": "gb.devices",
  "GET /api/v1/gb/devices/:deviceId": "gb.devices",
  "PUT /api/v1/gb/devices/:deviceId": "gb.devices",
  "POST /api/v1/gb/devices/:deviceId/catalog": "gb.devices",
};

/** The gate's auth mode a rule implies: capabilities and "session" need the session cookie. */
export function authModeOf(rule: RouteRule): AuthMode {
  if (rule === "token") return "hls";
  if (rule === "public" || rule === "feed" || rule === "metrics") return rule;
  return "session";
}

/** Routes (as buildApp collects them) with no entry in the table, or whose auth mode contradicts it. */
export function unruledRoutes(routes: ReadonlyArray<{ method: string; url: string; auth: AuthMode }>): string[] {
  return routes
    .map((r) => ({ key: `${r.method} ${r.url}`, auth: r.auth }))
    .filter(({ key, auth }) => {
      const rule = routePolicy[key];
      return rule === undefined || authModeOf(rule) !== auth;
    })
    .map(({ key, auth }) => `${key} (auth ${auth}, rule ${routePolicy[key] ?? "none"})`);
}
