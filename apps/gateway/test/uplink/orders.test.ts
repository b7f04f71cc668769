// Orders across levels with real gateway processes (issue 18, item 2): an order the bureau issues to a
// prison's units appears at that prison's edge (pulled, signed feed key), once, even after the edge
// restarts; a unit signs and reports back there through the edge's own API; the receipts reach the
// bureau, whose receipt matrix shows the unit signed and its report. Another prison's receivers stay
// at the bureau. The bureau's and the edge's own order views are the judges.
import type { OrderViewWire } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, removeDataDir, startGateway } from "../../../../e2e/support/gateway";
import { demoKey } from "../feeds-http/signed";
import { composeBody } from "../orders/support";
import { quiet, until } from "./province";

async function loginAs(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "e2e-pass" }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function order(url: string, cookie: string, id: string): Promise<{ status: number; view: OrderViewWire }> {
  const res = await fetch(`${url}/api/v1/orders/${id}`, { headers: { cookie } });
  return { status: res.status, view: (await res.json()) as OrderViewWire };
}

describe("uplink: orders from the bureau to an edge, receipts back", () => {
  let bureau: GatewayProcess;
  let edge: GatewayProcess;
  beforeAll(async () => {
    bureau = await startGateway(quiet);
    edge = await startGateway({
      ...quiet,
      UPPER_URL: bureau.url,
      UPPER_FEED_KEY: demoKey("pj"),
      EDGE_PRISON_ID: "pj",
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([edge?.stop(), bureau?.stop()]);
    if (edge) removeDataDir(edge);
    if (bureau) removeDataDir(bureau);
  }, 60_000);

  it("reaches the edge once, is signed there, and the bureau's matrix shows it", { timeout: 180_000 }, async () => {
    const commander = await loginAs(bureau.url, "commander");
    const res = await fetch(`${bureau.url}/api/v1/orders`, {
      method: "POST",
      headers: { cookie: commander, "content-type": "application/json" },
      body: JSON.stringify(composeBody(Date.now(), { targets: ["pj-b1", "jz"] })),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const issued = (await res.json()) as OrderViewWire;

    // At the edge: the order, with its own prison's receiver only, seen by the prison's operator.
    let opPj = await loginAs(edge.url, "operator-pj");
    await until(async () => (await order(edge.url, opPj, issued.id)).status === 200, "the order at the edge");
    const atEdge = (await order(edge.url, opPj, issued.id)).view;
    expect(atEdge.title).toBe(issued.title);
    expect(atEdge.rows.map((r) => r.unitId)).toEqual(["pj-b1"]);

    // A restart of the edge pulls again from its cursor: still one order, nothing re-recorded.
    await edge.stop("SIGKILL");
    edge = await startGateway({}, edge);
    opPj = await loginAs(edge.url, "operator-pj");
    const edgeCommander = await loginAs(edge.url, "commander");
    const list = await fetch(`${edge.url}/api/v1/orders?limit=100`, { headers: { cookie: edgeCommander } });
    const orders = (await list.json()) as Array<{ id: string }>;
    expect(orders.filter((o) => o.id === issued.id)).toHaveLength(1);

    // The unit signs and reports back at its edge.
    const sign = await fetch(`${edge.url}/api/v1/orders/${issued.id}/targets/pj-b1/sign`, {
      method: "POST",
      headers: { cookie: opPj, "content-type": "application/json" },
      body: JSON.stringify({ note: "已收到" }),
    });
    expect(sign.status, await sign.clone().text()).toBe(200);
    const fb = await fetch(`${edge.url}/api/v1/orders/${issued.id}/targets/pj-b1/feedback`, {
      method: "POST",
      headers: { cookie: opPj, "content-type": "application/json" },
      body: JSON.stringify({ text: "已落实双人双岗" }),
    });
    expect(fb.status, await fb.clone().text()).toBe(200);

    // At the bureau: pj-b1 signed (by the prison's feed) and reported back once; jz still pending.
    const row = async () => (await order(bureau.url, commander, issued.id)).view.rows.find((r) => r.unitId === "pj-b1");
    await until(async () => ((await row())?.feedback.length ?? 0) > 0, "the receipts at the bureau");
    const r = await row();
    expect(r).toMatchObject({ signedBy: "feed:pj" });
    expect(r?.signedAt).not.toBeNull();
    expect(r?.deliveredAt).not.toBeNull();
    expect(r?.feedback.map((f) => f.text)).toEqual(["已落实双人双岗"]);
    const jz = (await order(bureau.url, commander, issued.id)).view.rows.find((x) => x.unitId === "jz");
    expect(jz?.signedAt).toBeNull();

    // The edge's uplink: nothing queued, nothing refused, the orders cursor past the order.
    const up = await fetch(`${edge.url}/api/v1/uplink`, { headers: { cookie: edgeCommander } });
    const state = (await up.json()) as { queued: number; rejected: number; orders: { cursor: number } | null };
    expect(state).toMatchObject({ queued: 0, rejected: 0 });
    expect(state.orders?.cursor).toBeGreaterThan(0);
  });
});
