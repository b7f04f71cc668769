// Guaranteed delivery over the real live WebSocket: an order reaches the online terminals of its
// prisons (scoped) and the command centre (full), the terminal's order.ack becomes order.delivered,
// a terminal that was offline gets what it missed on reconnect (and nothing twice once acknowledged),
// and a third prison hears nothing.
import type { LiveMessage, OrderLive, OrderViewWire } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../helpers";
import { composeBody, connectLive, eventually, type LiveClient } from "./support";

let t: TestGateway;
let commander: string;
const clients: LiveClient[] = [];
beforeAll(async () => {
  t = await startTestGateway();
  commander = await t.login("commander");
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await t.close();
});

const live = async (username: string) => {
  const c = await connectLive(t, await t.login(username));
  clients.push(c);
  await c.next("hello");
  return c;
};
const issue = async (targets: string[]): Promise<OrderViewWire> => {
  const res = await t.req("/api/v1/orders", {
    method: "POST",
    cookie: commander,
    json: composeBody(t.clock.now, { targets }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as OrderViewWire;
};
const orderMsg = (id: string, reason?: OrderLive["reason"]) => (m: LiveMessage) =>
  m.topic === "order" && m.data.order.id === id && (reason === undefined || m.data.reason === reason);
const view = async (id: string) =>
  (await (await t.req(`/api/v1/orders/${id}`, { cookie: commander })).json()) as OrderViewWire;

describe("live order delivery", () => {
  it("pushes to the targeted terminals (scoped) and the centre (full); acks become delivered", async () => {
    const [cmd, pj, jz, sy1] = await Promise.all(["commander", "operator-pj", "operator-jz", "operator-sy1"].map(live));
    const o = await issue(["pj-b1", "jz"]);
    const atPj = (await pj!.next("order", orderMsg(o.id, "issued"))).data as OrderLive;
    expect(atPj.order.rows.map((r) => r.unitId)).toEqual(["pj-b1"]);
    const atJz = (await jz!.next("order", orderMsg(o.id, "issued"))).data as OrderLive;
    expect(atJz.order.rows.map((r) => r.unitId)).toEqual(["jz"]);
    const atCmd = (await cmd!.next("order", orderMsg(o.id, "issued"))).data as OrderLive;
    expect(atCmd.order.rows.map((r) => r.unitId)).toEqual(["pj-b1", "jz"]);

    // Acks: a foreign unit and a malformed frame are ignored; the right one is logged once.
    jz!.send({ topic: "order.ack", data: { orderId: o.id, unitId: "pj-b1" } });
    jz!.send({ topic: "order.ack", data: { orderId: o.id } });
    jz!.ws.send("not json");
    pj!.send({ topic: "order.ack", data: { orderId: o.id, unitId: "pj-b1" } });
    pj!.send({ topic: "order.ack", data: { orderId: o.id, unitId: "pj-b1" } });
    const changed = await cmd!.next(
      "order",
      (m) => orderMsg(o.id, "changed")(m) && (m.data as OrderLive).order.rows[0]?.state === "delivered",
    );
    expect((changed.data as OrderLive).order.rows.map((r) => r.state)).toEqual(["delivered", "pending"]);
    const v = await view(o.id);
    expect(v.trail.filter((e) => e.type === "order.delivered")).toHaveLength(1);
    expect(v.rows[0]?.deliveredAt).not.toBeNull();

    // The commander's ack never counts as a delivery.
    cmd!.send({ topic: "order.ack", data: { orderId: o.id, unitId: "jz" } });
    // The third prison heard nothing about it: its next order message is a later order of its own.
    const mine = await issue(["sy1"]);
    const first = await sy1!.next("order");
    expect((first.data as OrderLive).order.id).toBe(mine.id);
    expect((await view(o.id)).rows[1]?.state).toBe("pending");
  });

  it("a terminal offline when the order was sent receives it on reconnect, and only until it acks", async () => {
    const o = await issue(["dd", "dd-b2-s1"]);
    const first = await live("operator-dd");
    const missed = (await first.next("order", orderMsg(o.id, "missed"))).data as OrderLive;
    expect(missed.order.rows.map((r) => r.unitId)).toEqual(["dd", "dd-b2-s1"]);
    await first.close();
    // Not acknowledged: sent again on the next connect.
    const second = await live("operator-dd");
    await second.next("order", orderMsg(o.id, "missed"));
    for (const r of missed.order.rows) second.send({ topic: "order.ack", data: { orderId: o.id, unitId: r.unitId } });
    await eventually(async () => ((await view(o.id)).totals.delivered === 2 ? true : undefined), "both delivered");
    await second.close();
    // Acknowledged: the next connect gets no `missed` for it (frames are in order: a later issue comes first).
    const third = await live("operator-dd");
    const later = await issue(["dd"]);
    const next = (await third.next("order")).data as OrderLive;
    expect(next.order.id).toBe(later.id);
    expect(next.reason).toBe("issued");
  });

  it("signing on one terminal updates the centre's matrix live", async () => {
    const cmd = await live("commander");
    const o = await issue(["fs", "fx"]);
    await cmd.next("order", orderMsg(o.id, "issued"));
    const res = await t.req(`/api/v1/orders/${o.id}/targets/fs/sign`, {
      method: "POST",
      cookie: await t.login("operator-fs"),
      json: {},
    });
    expect(res.status).toBe(200);
    const m = await cmd.next(
      "order",
      (x) => orderMsg(o.id)(x) && (x.data as OrderLive).order.rows[0]?.state === "signed",
    );
    expect((m.data as OrderLive).order.totals).toMatchObject({ signed: 1, delivered: 1 });
  });
});

describe("lights on the live matrix", () => {
  it("pushes the yellow and the red of a target's duty as the clock ticks them", async () => {
    const cmd = await live("commander");
    const res = await t.req("/api/v1/orders", {
      method: "POST",
      cookie: commander,
      json: composeBody(t.clock.now, { targets: ["cy"], signDeadline: t.clock.now + 60_000, feedbackDeadline: null }),
    });
    const o = (await res.json()) as OrderViewWire;
    await cmd.next("order", orderMsg(o.id, "issued"));
    const lightPush = (light: string) => (m: LiveMessage) =>
      orderMsg(o.id)(m) && (m.data as OrderLive).order.rows[0]?.signLight === light;
    t.clock.now += 50_000;
    await t.gw.core.features.alarms.plane.tickOnce();
    await cmd.next("order", lightPush("yellow"));
    t.clock.now += 10_000;
    await t.gw.core.features.alarms.plane.tickOnce();
    const red = (await cmd.next("order", lightPush("red"))).data as OrderLive;
    expect(red.order.rows[0]).toMatchObject({ state: "overdue", escalatedTo: ["commander"] });
  });
});
