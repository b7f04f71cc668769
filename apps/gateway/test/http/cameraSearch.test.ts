// GET /api/v1/cameras/search against a real gateway on 127.0.0.1: ranked hits with their path, scoped to
// the user's prison; the tree as columns (the same tree, scoped); 4xx JSON on bad input, 401 without a session; the catalogue's JSON compressed; and a
// camera moved into place (the tree's drag from 未分配) keeps playing.
import { type CameraSearchAnswer, columnsToTree, zTreeColumns } from "@cw/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compression } from "../../src/http/app";
import { startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
let commander = "";
beforeAll(async () => {
  t = await startTestGateway();
  commander = await t.login("commander");
});
afterAll(() => t.close());

const search = async (cookie: string, qs: string) => {
  const res = await t.req(`/api/v1/cameras/search?${qs}`, { cookie });
  return { status: res.status, body: (await res.json()) as CameraSearchAnswer & { code?: string; field?: string } };
};

describe("GET /api/v1/cameras/search", () => {
  it("answers ranked hits with where they are", async () => {
    const { status, body } = await search(commander, `q=${encodeURIComponent("北周界")}&limit=3`);
    expect(status).toBe(200);
    expect(body.hits).toHaveLength(3);
    expect(body.total).toBeGreaterThan(3);
    expect(body.hits[0]).toEqual({
      id: "pj-perimeter-n",
      kind: "camera",
      name: "北周界",
      cameraKind: "perimeter",
      path: ["盘锦监狱"],
      prisonId: "pj",
    });
  });

  it("an operator finds only their prison", async () => {
    const operator = await t.login("operator-jz");
    const { body } = await search(operator, `q=${encodeURIComponent("监狱")}`);
    expect(body.total).toBeGreaterThan(0);
    expect(new Set(body.hits.map((h) => h.prisonId))).toEqual(new Set(["jz"]));
  });

  it.each([
    { qs: "", field: "q" },
    { qs: "q=%20%20", field: "q" },
    { qs: `q=${"x".repeat(201)}`, field: "q" },
    { qs: "q=a&limit=0", field: "limit" },
    { qs: "q=a&limit=abc", field: "limit" },
    { qs: "q=a&limit=501", field: "limit" },
    { qs: "q=a&prisonId=pj", field: undefined },
  ])("bad input '$qs' → 422 JSON", async ({ qs, field }) => {
    const { status, body } = await search(commander, qs);
    expect(status).toBe(422);
    expect(body.code).toBe("validation");
    if (field !== undefined) expect(body.field).toBe(field);
  });

  it("401 without a session", async () => {
    const res = await t.req("/api/v1/cameras/search?q=a");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "unauthenticated" });
  });
});

describe("GET /api/v1/tree?shape=columns", () => {
  const get = async (cookie: string, qs: string) => {
    const res = await t.req(`/api/v1/tree${qs}`, { cookie });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  it("is the nested tree as columns: decoded, the same tree", async () => {
    const nested = await get(commander, "");
    const columns = await get(commander, "?shape=columns");
    expect(columns.status).toBe(200);
    const decoded = columnsToTree(zTreeColumns.parse(columns.body));
    expect(decoded.ok && decoded.value.root).toEqual(nested.body);
    expect((await get(commander, "?shape=nested")).body).toEqual(nested.body);
  });

  it("shows an operator only their prison", async () => {
    const { body } = await get(await t.login("operator-jz"), "?shape=columns");
    const { id, kind } = zTreeColumns.parse(body);
    expect(kind[0]).toBe("bureau");
    expect(id.filter((_, i) => kind[i] === "prison")).toEqual(["jz"]);
    expect(id.length).toBeGreaterThan(10);
    expect(id.slice(1).every((x) => x === "jz" || x.startsWith("jz-"))).toBe(true);
  });

  it.each([
    ["?shape=flat", { field: "shape" }],
    ["?shape=columns&depth=1", { message: expect.stringContaining("depth") }],
  ])("%s → 422 JSON saying what is wrong", async (qs, what) => {
    const { status, body } = await get(commander, qs);
    expect(status).toBe(422);
    expect(body).toMatchObject({ code: "validation", message: expect.any(String), ...what });
  });

  it("needs a session", async () => {
    expect((await t.req("/api/v1/tree?shape=columns")).status).toBe(401);
  });
});

describe("compression", () => {
  it.each(["br", "gzip"])("the tree goes out %s-encoded to a client that takes it, the same JSON", async (encoding) => {
    const plain = await t.req("/api/v1/tree", { cookie: commander, headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    const packed = await t.req("/api/v1/tree", { cookie: commander, headers: { "accept-encoding": encoding } });
    expect(packed.headers.get("content-encoding")).toBe(encoding);
    expect(packed.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(await packed.json()).toEqual(await plain.json());
  });

  it.each([
    ["application/json; charset=utf-8", true],
    ["text/html; charset=utf-8", true],
    ["application/javascript", true],
    ["application/vnd.apple.mpegurl", false],
    ["video/mp2t", false],
    ["video/mp4", false],
    ["application/jsonx", false],
  ])("%s compressible: %s (media never)", (type, yes) => {
    expect(compression.customTypes.test(type)).toBe(yes);
  });
});

describe("moving a camera into place", () => {
  it("a real camera moved (or renamed) plays on; a simulated one restarts (its picture shows its place)", async () => {
    const patch = (id: string, json: object) =>
      t.req(`/api/v1/cameras/${id}`, { method: "PATCH", cookie: commander, json });
    const rtsp = { kind: "rtsp", url: "rtsp://10.1.1.1/ch1" };
    expect((await patch("pj-b1-s1-cell", { source: rtsp })).status).toBe(200);
    const stops = (id: string) => t.fake.stopped.filter((s) => s === id).length;
    const before = stops("pj-b1-s1-cell");
    const moved = await patch("pj-b1-s1-cell", { name: "监舍（东）", blockId: "pj-b2", subBlockId: "pj-b2-s1" });
    expect(await moved.json()).toMatchObject({ blockId: "pj-b2", subBlockId: "pj-b2-s1", name: "监舍（东）" });
    expect(stops("pj-b1-s1-cell")).toBe(before);
    expect((await patch("pj-b1-s2-cell", { blockId: "pj-b2", subBlockId: null })).status).toBe(200);
    expect(stops("pj-b1-s2-cell")).toBe(1);
    // The search index sees the move at once.
    const { body } = await search(commander, `q=${encodeURIComponent("监舍（东）")}`);
    expect(body.hits[0]).toMatchObject({ id: "pj-b1-s1-cell", path: ["盘锦监狱", "二监区", "一分监区"] });
  });
});
