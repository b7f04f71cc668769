// The orders HTTP API against a real gateway on 127.0.0.1: bad input → 4xx from the catalogue, roles and
// prison scope (403), the receipt cycle (sign, feedback with image, remind), lights by the clock,
// images, templates.
import type { OrderSummaryWire, OrderViewWire } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../helpers";
import { composeBody, jpeg, png } from "./support";

let t: TestGateway;
let commander = "";
let opPj = "";
let opJz = "";
let opSy1 = "";
beforeAll(async () => {
  t = await startTestGateway();
  commander = await t.login("commander");
  opPj = await t.login("operator-pj");
  opJz = await t.login("operator-jz");
  opSy1 = await t.login("operator-sy1");
});
afterAll(() => t.close());

const post = (path: string, cookie: string, json?: unknown) =>
  t.req(path, { method: "POST", cookie, ...(json === undefined ? {} : { json }) });
const issue = async (over: Record<string, unknown> = {}): Promise<OrderViewWire> => {
  const res = await post("/api/v1/orders", commander, composeBody(t.clock.now, over));
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as OrderViewWire;
};

// An attachment of 560 KB decoded: over the 512 KB rule but under the 800 KB body limit (→ 422);
// 700 KB decoded is over the body limit itself (→ 413). Both are 4xx, never a 500.
const bigJpeg = (kb: number) => "/9j/" + "A".repeat(Math.ceil((kb * 1024) / 3) * 4 - 4);

describe("POST /api/v1/orders: bad input is 4xx", () => {
  const cases: Array<[string, (now: number) => unknown, number, string, string?]> = [
    ["no targets", (n) => composeBody(n, { targets: [] }), 422, "validation", "targets"],
    ["targets missing", (n) => ({ ...composeBody(n), targets: undefined }), 422, "validation", "targets"],
    ["sign deadline in the past", (n) => composeBody(n, { signDeadline: n - 1000 }), 422, "validation", "signDeadline"],
    ["report back before sign", (n) => composeBody(n, { feedbackDeadline: n + 1000 }), 422, "validation"],
    ["unknown unit", (n) => composeBody(n, { targets: ["pj", "nowhere"] }), 422, "validation", "targets.1"],
    ["bad category", (n) => composeBody(n, { category: "weather" }), 422, "validation", "category"],
    ["empty title", (n) => composeBody(n, { title: " " }), 422, "validation", "title"],
    ["unknown field", (n) => composeBody(n, { colour: "red" }), 422, "validation"],
    ["attachment not an image", (n) => composeBody(n, { attachment: "aGVsbG8=" }), 422, "validation", "attachment"],
    ["attachment over 512 KB", (n) => composeBody(n, { attachment: bigJpeg(560) }), 422, "validation", "attachment"],
    ["body over the limit", (n) => composeBody(n, { attachment: bigJpeg(700) }), 413, "too_large"],
  ];
  it.each(cases)("%s", async (_name, body, status, code, field) => {
    const res = await post("/api/v1/orders", commander, body(t.clock.now));
    expect(res.status).toBe(status);
    const err = (await res.json()) as { code: string; field?: string };
    expect(err.code).toBe(code);
    if (field !== undefined) expect(err.field).toBe(field);
  });

  it("not JSON → 400; no session → 401; an operator → 403", async () => {
    const raw = await t.req("/api/v1/orders", {
      method: "POST",
      cookie: commander,
      headers: { "content-type": "application/json" },
      body: "{nope",
    });
    expect(raw.status).toBe(400);
    expect((await post("/api/v1/orders", "", composeBody(t.clock.now))).status).toBe(401);
    expect((await post("/api/v1/orders", opPj, composeBody(t.clock.now))).status).toBe(403);
  });
});

describe("scope and receipts", () => {
  it("a commander sees every target; an operator only its prison's; another prison nothing (403)", async () => {
    const o = await issue({ targets: ["pj", "jz-b1", "jz-b1-s2"] });
    expect(o.rows.map((r) => [r.unitId, r.state])).toEqual([
      ["pj", "pending"],
      ["jz-b1", "pending"],
      ["jz-b1-s2", "pending"],
    ]);
    const pjView = (await (await t.req(`/api/v1/orders/${o.id}`, { cookie: opPj })).json()) as OrderViewWire;
    expect(pjView.rows.map((r) => r.unitId)).toEqual(["pj"]);
    expect(pjView.addressedTo).toEqual(["pj"]);
    const jzView = (await (await t.req(`/api/v1/orders/${o.id}`, { cookie: opJz })).json()) as OrderViewWire;
    expect(jzView.rows.map((r) => r.unitId)).toEqual(["jz-b1", "jz-b1-s2"]);
    expect((await t.req(`/api/v1/orders/${o.id}`, { cookie: opSy1 })).status).toBe(403);
    const sy1List = (await (await t.req("/api/v1/orders", { cookie: opSy1 })).json()) as OrderSummaryWire[];
    expect(sy1List.find((s) => s.id === o.id)).toBeUndefined();
    const pjList = (await (await t.req("/api/v1/orders", { cookie: opPj })).json()) as OrderSummaryWire[];
    expect(pjList.find((s) => s.id === o.id)?.totals.targets).toBe(1);
  });

  it("signing another prison's target is 403; unknown order or unit 404; a commander may not sign", async () => {
    const o = await issue();
    expect((await post(`/api/v1/orders/${o.id}/targets/pj/sign`, opJz, {})).status).toBe(403);
    expect((await post(`/api/v1/orders/${o.id}/targets/pj/feedback`, opJz, { text: "x" })).status).toBe(403);
    expect((await post(`/api/v1/orders/${o.id}/targets/sy1/sign`, opPj, {})).status).toBe(404);
    expect((await post(`/api/v1/orders/o-missing/targets/pj/sign`, opPj, {})).status).toBe(404);
    expect((await post(`/api/v1/orders/${o.id}/targets/pj/sign`, commander, {})).status).toBe(403);
    expect((await post(`/api/v1/orders/${o.id}/targets/pj/sign`, opPj, { note: 1 })).status).toBe(422);
  });

  it("sign, sign again (idempotent), report back with an image, read the image", async () => {
    const o = await issue();
    const signed = await post(`/api/v1/orders/${o.id}/targets/pj/sign`, opPj);
    expect(signed.status).toBe(200);
    expect(((await signed.json()) as OrderViewWire).rows[0]?.state).toBe("signed");
    expect((await post(`/api/v1/orders/${o.id}/targets/pj/sign`, opPj, {})).status).toBe(200);
    expect((await post(`/api/v1/orders/${o.id}/targets/pj/feedback`, opPj, { text: "" })).status).toBe(422);
    const fb = await post(`/api/v1/orders/${o.id}/targets/pj/feedback`, opPj, {
      text: "已落实",
      image: `data:image/png;base64,${png}`,
    });
    expect(fb.status).toBe(200);
    const row = ((await fb.json()) as OrderViewWire).rows[0]!;
    expect(row).toMatchObject({ state: "fed_back", signLight: "green", feedbackLight: "green" });
    expect(row.feedback).toMatchObject([{ text: "已落实", hasImage: true, by: "user:operator-pj" }]);
    const img = await t.req(`/api/v1/orders/${o.id}/targets/pj/feedback/0/image`, { cookie: commander });
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await img.arrayBuffer()).toString("base64")).toBe(png);
    expect((await t.req(`/api/v1/orders/${o.id}/targets/pj/feedback/0/image`, { cookie: opJz })).status).toBe(403);
    expect((await t.req(`/api/v1/orders/${o.id}/targets/pj/feedback/1/image`, { cookie: opPj })).status).toBe(404);
    const view = (await (await t.req(`/api/v1/orders/${o.id}`, { cookie: commander })).json()) as OrderViewWire;
    expect(view.trail.map((e) => e.type)).toEqual([
      "order.issued",
      "order.delivered",
      "order.signed",
      "order.feedback",
    ]);
    expect(view.totals).toMatchObject({ targets: 2, delivered: 1, signed: 1, fedBack: 1 });
  });

  it("the attachment is served to who may see the order", async () => {
    const o = await issue({ attachment: jpeg, targets: ["pj"] });
    expect(o.hasAttachment).toBe(true);
    const res = await t.req(`/api/v1/orders/${o.id}/attachment`, { cookie: opPj });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect((await t.req(`/api/v1/orders/${o.id}/attachment`, { cookie: opJz })).status).toBe(403);
    const plain = await issue({ targets: ["pj"] });
    expect((await t.req(`/api/v1/orders/${plain.id}/attachment`, { cookie: commander })).status).toBe(404);
  });

  it("remind chases the laggards only; operators may not", async () => {
    const o = await issue({ targets: ["pj", "jz"], feedbackDeadline: null });
    await post(`/api/v1/orders/${o.id}/targets/pj/sign`, opPj, {});
    expect((await post(`/api/v1/orders/${o.id}/remind`, opPj, {})).status).toBe(403);
    const res = await post(`/api/v1/orders/${o.id}/remind`, commander, { note: "请尽快签收" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reminded: string[]; order: OrderViewWire };
    expect(body.reminded).toEqual(["jz"]);
    expect(body.order.rows.find((r) => r.unitId === "jz")?.remindedAt).toHaveLength(1);
    expect((await post(`/api/v1/orders/${o.id}/remind`, commander, { targets: ["sy1"] })).status).toBe(422);
  });

  it("lights follow the clock: yellow, then red and overdue with escalation", async () => {
    const o = await issue({ targets: ["pj"], signDeadline: t.clock.now + 60_000, feedbackDeadline: null });
    const at = async (ms: number) => {
      t.clock.now += ms;
      const v = (await (await t.req(`/api/v1/orders/${o.id}`, { cookie: commander })).json()) as OrderViewWire;
      return v;
    };
    expect((await at(0)).rows[0]).toMatchObject({ signLight: "green", state: "pending" });
    expect((await at(50_000)).rows[0]).toMatchObject({ signLight: "yellow", state: "pending" });
    const late = await at(11_000);
    expect(late.rows[0]).toMatchObject({ signLight: "red", state: "overdue", escalatedTo: ["commander"] });
    expect(late.status).toBe("overdue");
    const list = (await (await t.req("/api/v1/orders?status=overdue", { cookie: commander })).json()) as Array<{
      id: string;
    }>;
    expect(list.map((s) => s.id)).toContain(o.id);
    expect((await t.req("/api/v1/orders?status=nope", { cookie: commander })).status).toBe(422);
  });
});

describe("templates", () => {
  it("save, list, issue from one (its attachment comes along), delete", async () => {
    const tpl = {
      name: "每日安全信息报送",
      title: "报送当日安全信息",
      category: "information",
      targets: ["pj"],
      signWithinMin: 30,
      feedbackWithinMin: 120,
      attachment: jpeg,
    };
    expect((await post("/api/v1/order-templates", opPj, tpl)).status).toBe(403);
    expect((await post("/api/v1/order-templates", commander, { ...tpl, signWithinMin: 0 })).status).toBe(422);
    const saved = await post("/api/v1/order-templates", commander, tpl);
    expect(saved.status).toBe(201);
    const { id, template } = (await saved.json()) as { id: string; template: Record<string, unknown> };
    expect(template).toMatchObject({ name: tpl.name, hasAttachment: true });
    expect(template).not.toHaveProperty("attachment");
    const list = (await (await t.req("/api/v1/order-templates", { cookie: commander })).json()) as Array<{
      id: string;
    }>;
    expect(list.map((x) => x.id)).toContain(id);
    const o = await issue({ templateId: id, targets: ["pj"], title: tpl.title, category: "information" });
    expect(o).toMatchObject({ templateId: id, hasAttachment: true });
    expect((await t.req(`/api/v1/order-templates/${id}`, { method: "DELETE", cookie: commander })).status).toBe(204);
    expect((await t.req(`/api/v1/order-templates/${id}`, { method: "DELETE", cookie: commander })).status).toBe(404);
  });
});
