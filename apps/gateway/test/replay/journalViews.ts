// What the journal fixture (journalV1) was recorded with and what is read back from it: the instant, the
// config, and the API reads whose answers must survive a replay unchanged (every area, several roles).
// Shared by the recorder (recordJournal.ts, run once on the old code) and the replay test.

/** 2026-03-10, 09:30 local (+08:00): after the 08:00 draw and the 06:00 wake-up roll call. */
const start = Date.parse("2026-03-10T09:30:00+08:00");
export const fixtureClock = {
  start,
  date: "2026-03-10",
  wakeUp: Date.parse("2026-03-10T06:00:00+08:00"),
};

/** No demo feed simulator (it would post random alarms), no state snapshots (the log alone is replayed). */
export const fixtureConfig = { feedSim: false, snapshotEvery: 0 };

/** [name, path, whose cookie] for every read compared after the replay. `ids` holds cookies and ids. */
export function viewPaths(ids: Record<string, string>): Array<[string, string, string]> {
  const order = ids.order ?? "";
  const d = fixtureClock.date;
  return [
    ["session.duty", "/api/v1/session", "duty"],
    ["session.operator", "/api/v1/session", "operator-pj"],
    ["tree.operator", "/api/v1/tree", "operator-pj"],
    ["cameras.pj", "/api/v1/cameras?prisonId=pj", "commander"],
    ["camera.added", "/api/v1/cameras/pj-fx-yard", "commander"],
    ["camera.gone", "/api/v1/cameras/pj-fx-gone", "commander"],
    ["screens", "/api/v1/wall/screens", "chief"],
    ["presets", "/api/v1/presets", "commander"],
    ["presets.operator", "/api/v1/presets", "operator-jz"],
    ["alarms.resolved", "/api/v1/alarms?state=resolved", "commander"],
    ["alarms.cleared", "/api/v1/alarms?state=cleared", "commander"],
    ["alarms.active", "/api/v1/alarms", "duty"],
    ["alarms.operator", "/api/v1/alarms?state=acknowledged", "operator-jz"],
    ["alarms.escalated", "/api/v1/alarms?escalatedTo=commander", "commander"],
    ["alarms.search", "/api/v1/alarms?q=打架", "duty"],
    ["obligations.alarms", "/api/v1/obligations?kind=alarm.ack&open=false", "commander"],
    ["obligations.orders", "/api/v1/obligations?kind=order.sign", "operator-pj"],
    ["obligations.red", "/api/v1/obligations?light=red&kind=rectification", "duty"],
    ["board", `/api/v1/rollcalls/board?date=${d}&prisonId=pj`, "duty"],
    ["orders", "/api/v1/orders", "commander"],
    ["orders.operator", "/api/v1/orders", "operator-pj"],
    ["order", `/api/v1/orders/${order}`, "commander"],
    ["order.operator", `/api/v1/orders/${order}`, "operator-jz"],
    ["templates", "/api/v1/order-templates", "chief"],
    ["inspection.today", "/api/v1/inspections/today", "chief"],
    ["inspection.verify", `/api/v1/inspections/${d}/verify`, "viewer"],
    ["inspection.history", `/api/v1/inspections?from=2026-03-01&to=${d}`, "chief"],
    ["inspection.coverage", `/api/v1/inspections/coverage?from=2026-03-01&to=${d}`, "commander"],
    ["rectifications", "/api/v1/rectifications", "inspected"],
    ["overview", "/api/v1/overview", "commander"],
    ["overview.operator", "/api/v1/overview", "operator-pj"],
    ["report.day", `/api/v1/reports?period=day&date=${d}`, "chief"],
    ["report.pj", `/api/v1/reports?period=month&date=2026-03-01&unit=pj`, "operator-pj"],
    ["audit", "/api/v1/audit?limit=60", "commander"],
    ["audit.user", "/api/v1/audit?actor=operator-pj", "chief"],
    ["audit.inspection", "/api/v1/audit?type=inspection.", "chief"],
    ["audit.system", "/api/v1/audit?actor=system&limit=5", "chief"],
    ["audit.cameras", "/api/v1/audit?type=camera.", "chief"],
  ];
}
