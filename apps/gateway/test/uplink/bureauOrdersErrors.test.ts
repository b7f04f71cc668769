// The bureau's routes for edges (GET /api/v1/feeds/{prisonId}/orders and …/downlink, POST
// …/orders/{id}/receipts and …/alarm-handling; docs/api/uplink.md) refuse what they must with a 4xx
// `{code, message, field}` and never a 500: a bad or missing signature, a bad cursor or wait, an unknown
// prison or alarm, a body that is not JSON, not a receipt or handling, or over 1 MiB. One in-process gateway (the routes are HTTP-only: no media, no second process).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signFeed } from "../../src/features/alarms/feeds/signature";
import { demoKey } from "../feeds-http/signed";
import { startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t?.close();
});

function signed(raw: string | Buffer, opts: { key?: string; signature?: string | null; prisonId?: string } = {}) {
  const ts = String(Date.now());
  const headers: Record<string, string> = { "x-feed-timestamp": ts, "content-type": "application/json" };
  const sig =
    opts.signature === undefined ? signFeed(opts.key ?? demoKey(opts.prisonId ?? "pj"), ts, raw) : opts.signature;
  if (sig !== null) headers["x-feed-signature"] = sig;
  return headers;
}

async function error(res: Response): Promise<{ status: number; code: string; message: string; field?: string }> {
  const body = (await res.json()) as { code: string; message: string; field?: string };
  expect(typeof body.message).toBe("string");
  expect(body.message.length).toBeGreaterThan(0);
  return { status: res.status, ...body };
}

const pull = (query: string, headers: Record<string, string>, prisonId = "pj") =>
  t.req(`/api/v1/feeds/${prisonId}/orders${query}`, { headers });
const receipt = (raw: string | Buffer, headers: Record<string, string>) =>
  t.req("/api/v1/feeds/pj/orders/o-1/receipts", { method: "POST", headers, body: new Uint8Array(Buffer.from(raw)) });

describe("GET /api/v1/feeds/{prisonId}/orders", () => {
  it("answers a signed pull (the baseline the refusals differ from)", async () => {
    const res = await pull("?after=0", signed(""));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ orders: [] });
  });

  it.each([
    ["no signature", { signature: null }],
    ["a signature by another key", { key: demoKey("sy1") }],
    ["a malformed signature", { signature: "not-hex" }],
  ] as const)("refuses %s: 401 bad_signature", async (_what, opts) => {
    const e = await error(await pull("?after=0", signed("", opts)));
    expect(e).toMatchObject({ status: 401, code: "bad_signature" });
  });

  it.each([
    ["?after=-1", "after"],
    ["?after=abc", "after"],
    ["?after=1.5", "after"],
    ["?wait=99999", "wait"],
    ["?cursor=3", undefined],
  ])("refuses the cursor %s: 422 naming the field", async (query, field) => {
    const e = await error(await pull(query, signed("")));
    expect(e.status).toBe(422);
    expect(e.code).toBe("validation");
    if (field) expect(e.field).toBe(field);
  });

  it("refuses an unknown prison: 404 not_found", async () => {
    const e = await error(await pull("?after=0", signed("", { prisonId: "nowhere" }), "nowhere"));
    expect(e).toMatchObject({ status: 404, code: "not_found" });
  });
});

describe("POST /api/v1/feeds/{prisonId}/orders/{orderId}/receipts", () => {
  const body = JSON.stringify({ sourceId: "edge:r-1", unitId: "pj-b1", kind: "delivered", at: Date.now() });

  it("refuses a bad signature: 401 bad_signature", async () => {
    const e = await error(await receipt(body, signed(body, { key: demoKey("sy1") })));
    expect(e).toMatchObject({ status: 401, code: "bad_signature" });
  });

  it("refuses a body that is not JSON, and one that is not a receipt: 4xx naming what", async () => {
    const notJson = "{receipt";
    expect(await error(await receipt(notJson, signed(notJson)))).toMatchObject({ status: 400, code: "invalid_json" });
    const wrong = JSON.stringify({ sourceId: "edge:r-2", unitId: "pj-b1", kind: "burned", at: Date.now() });
    const e = await error(await receipt(wrong, signed(wrong)));
    expect(e.status).toBe(422);
    expect(e.field).toBe("kind");
  });

  it("refuses a body over 1 MiB: 413 before reading it whole", async () => {
    const big = JSON.stringify({
      sourceId: "edge:r-3",
      unitId: "pj-b1",
      kind: "signed",
      at: 1,
      note: "x".repeat(1_100_000),
    });
    const e = await error(await receipt(big, signed(big)));
    expect(e.status).toBe(413);
  });

  it("an unknown order is 404, not a 500", async () => {
    const e = await error(await receipt(body, signed(body)));
    expect(e).toMatchObject({ status: 404, code: "not_found" });
  });
});

describe("GET /api/v1/feeds/{prisonId}/downlink", () => {
  it("answers a signed pull with items; refuses a bad signature and a bad cursor", async () => {
    const res = await t.req("/api/v1/feeds/pj/downlink?after=0", { headers: signed("") });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ items: [] });
    const bad = await t.req("/api/v1/feeds/pj/downlink?after=0", { headers: signed("", { key: demoKey("sy1") }) });
    expect(await error(bad)).toMatchObject({ status: 401, code: "bad_signature" });
    const cursor = await t.req("/api/v1/feeds/pj/downlink?after=x", { headers: signed("") });
    expect(await error(cursor)).toMatchObject({ status: 422, field: "after" });
  });
});

describe("POST /api/v1/feeds/{prisonId}/alarm-handling", () => {
  const handling = (raw: string, headers: Record<string, string>) =>
    t.req("/api/v1/feeds/pj/alarm-handling", { method: "POST", headers, body: new Uint8Array(Buffer.from(raw)) });
  const ack = JSON.stringify({ sourceId: "edge:nope", kind: "acknowledged", at: Date.now(), by: "值班员", note: "" });

  it("refuses a bad signature, a body that is not JSON or not a handling, and an unknown alarm: 4xx", async () => {
    expect(await error(await handling(ack, signed(ack, { key: demoKey("sy1") })))).toMatchObject({
      status: 401,
      code: "bad_signature",
    });
    expect(await error(await handling("{ack", signed("{ack")))).toMatchObject({ status: 400, code: "invalid_json" });
    const noNote = JSON.stringify({ sourceId: "edge:x", kind: "resolved", at: 1, by: "a", disposition: "handled" });
    expect(await error(await handling(noNote, signed(noNote)))).toMatchObject({ status: 422, field: "note" });
    expect(await error(await handling(ack, signed(ack)))).toMatchObject({
      status: 404,
      code: "not_found",
      field: "sourceId",
    });
  });
});
