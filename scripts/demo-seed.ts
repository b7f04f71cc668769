// Demo data for the screen gallery (`npm run screens`) and the layout spec: a province that looks like a
// working morning — alarms in every light (green, yellow, red, escalated; some handled), roll calls with
// on-time, late and missing reports and two short head counts, an order half signed, one overdue, one
// done, a completed inspection with findings and a rectification reported back, four cameras on screen 1,
// one camera group (重点监舍: a cell camera every role but the viewer still sees).
// Everything goes in through the public APIs (signed feeds, orders, inspection, wall), as prison systems
// and users would put it there.
//
// Use: start a gateway with `demoGatewayEnv(plan)` added to its environment (its clock set to the plan's
// hour, the alert policy and roll-call schedule the data is laid out for; no feed simulator, so nothing
// moves on its own), then
// `await seedDemo(url, plan, password)`. The plan is made once, before the gateway starts.
// Owns: the plan and the order of seeding. Never: writes into the gateway's data dir or process.
import { localDate, localTime } from "@cw/alerts";
import { zScreenState, zTreeNode } from "@cw/protocol";
import { z } from "zod";
import { demoAlertPolicy, postAlarms, settleAlarmLights } from "./demo/alarms";
import { Session } from "./demo/client";
import { type DemoInspection, inspect } from "./demo/inspection";
import { type DemoOrders, postOrders } from "./demo/orders";
import { type BlockRef, postRollCalls, type RollCallPlan, rollCallPlan } from "./demo/rollcalls";

export interface DemoPlan {
  /** The gateway's "now" the plan is laid around (this process's clock + clockOffsetMs). */
  now: number;
  /** How far the gateway's clock runs ahead of this process's (its CLOCK_OFFSET_MS). */
  clockOffsetMs: number;
  tzOffsetMin: number;
  rollcalls: RollCallPlan;
}

export interface DemoSeeded {
  /** The bureau's date of the data (YYYY-MM-DD). */
  date: string;
  alarms: number;
  rollCallReports: number;
  orders: DemoOrders;
  inspection: DemoInspection;
  screenCameras: string[];
  seedMs: number;
}

/**
 * The plan, laid out around `at` (bureau time HH:MM, default 14:30: the morning's roll calls are past, the
 * evening's to come) of the bureau's today: the gateway runs with CLOCK_OFFSET_MS so that its clock reads
 * that time, which makes every run show the same hour of the day whenever it is made.
 */
export function demoPlan(opts: { at?: string; tzOffsetMin?: number } = {}): DemoPlan {
  const tzOffsetMin = opts.tzOffsetMin ?? 480;
  const real = Date.now();
  const now = localTime(localDate(real, tzOffsetMin), opts.at ?? "14:30", tzOffsetMin);
  return { now, clockOffsetMs: now - real, tzOffsetMin, rollcalls: rollCallPlan(now, tzOffsetMin) };
}

/** The gateway environment the demo data is laid out for. */
export function demoGatewayEnv(plan: DemoPlan): Record<string, string> {
  return {
    SIM: "1",
    FEED_SIM: "0",
    CLOCK_OFFSET_MS: String(plan.clockOffsetMs),
    ALERT_POLICY: JSON.stringify({ obligations: { alarmAck: demoAlertPolicy } }),
    ROLLCALL_CONFIG: JSON.stringify(plan.rollcalls.config),
  };
}

/** Every block of the province, from the tree the commander sees. */
async function blocksOf(s: Session): Promise<BlockRef[]> {
  const tree = await s.get("/api/v1/tree", zTreeNode);
  return tree.children
    .filter((p) => p.kind === "prison")
    .flatMap((p, prisonIndex) =>
      p.children
        .filter((b) => b.kind === "block")
        .map((b, blockIndex) => ({ prisonId: p.id, blockId: b.id, prisonIndex, blockIndex })),
    );
}

/** Four cameras of different kinds in different prisons on screen 1 (2×2), so the big screen has pictures. */
/** 重点监舍: restricts a cell camera to the roles that use the pages (only the demo viewer loses it). */
async function restrictCell(s: Session): Promise<void> {
  const group = { name: "重点监舍", cameraIds: ["pj-b1-s1-cell"], roles: ["commander", "chief", "duty", "operator"] };
  await s.post("/api/v1/camera-groups", { ...group, users: [] }, z.object({ id: z.string() }));
}

async function fillScreen(s: Session): Promise<string[]> {
  const tiles = ["pj-b1-s1-yard", "sy1-b2-s1-canteen", "jz-b1-s2-workshop", "lnnv-b3-s1-cell"];
  await s.put("/api/v1/wall/screens/1", { layoutId: "4", tiles }, zScreenState);
  return tiles;
}

export async function seedDemo(baseUrl: string, plan: DemoPlan, password: string): Promise<DemoSeeded> {
  const t0 = Date.now();
  const now = () => Date.now() + plan.clockOffsetMs;
  const [commander, duty, chief, admin] = await Promise.all(
    ["commander", "duty", "chief", "admin"].map((u) => Session.open(baseUrl, u, password)),
  );
  await restrictCell(admin!);
  const blocks = await blocksOf(commander!);
  const rollCallReports = await postRollCalls(baseUrl, plan.rollcalls, blocks, now(), plan.clockOffsetMs);
  const alarmIds = await postAlarms(baseUrl, duty!, now(), plan.clockOffsetMs);
  const orders = await postOrders(baseUrl, commander!, password, now);
  const screenCameras = await fillScreen(commander!);
  const inspection = await inspect(baseUrl, chief!, password);
  await settleAlarmLights(duty!);
  return {
    date: localDate(now(), plan.tzOffsetMin),
    alarms: alarmIds.length,
    rollCallReports,
    orders,
    inspection,
    screenCameras,
    seedMs: Date.now() - t0,
  };
}
