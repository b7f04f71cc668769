// The inspection API end to end on a real listener: roles and operator scoping, bad input as 4xx,
// findings with snapshots, rectification report and review, completion, redraw with a reason, and
// verification of what the log holds.
import { statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type InspectionGateway, jpeg, local, startInspectionGateway } from "./harness";

const DATE = "2025-03-10";
let t: InspectionGateway;
let chief: string;
let commander: string;
let target: { prisonId: string; blockId: string; cameras: { id: string }[] };
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await startInspectionGateway(local(`${DATE}T10:00:00`));
  chief = await t.login("chief");
  commander = await t.login("commander");
  for (const u of ["duty", "viewer"]) cookies[u] = await t.login(u);
  const day = await t.get(`/api/v1/inspections/today`, chief);
  target = day.inspections[0];
  cookies.own = await t.login(`operator-${target.prisonId}`);
  cookies.other = await t.login(target.prisonId === "pj" ? "operator-sy1" : "operator-pj");
});
afterAll(() => t.close());

const path = (p: string) => `/api/v1/inspections/${DATE}${p}`;

describe("the first start", () => {
  it("committed and drew today at once, committed tomorrow, and keeps only tomorrow's secret (0600)", async () => {
    const day = await t.get("/api/v1/inspections/today", chief);
    expect(day).toMatchObject({ date: DATE, today: true, drawTime: "08:00", tzOffsetMin: 480 });
    expect(day.commitment.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(day.nextCommitment.date).toBe("2025-03-11");
    expect(day.inspections).toHaveLength(1);
    expect(day.inspections[0]).toMatchObject({ id: `draw-${DATE}`, kind: "drawn", attempt: 0 });
    expect(day.inspections[0].cameras.length).toBeGreaterThan(0);
    const file = join(t.dir, "inspection", "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { readFileSync } = await import("node:fs");
    expect(Object.keys(JSON.parse(readFileSync(file, "utf8")))).toEqual(["2025-03-11"]);
  });

  it("verifies for anyone logged in, and not for anonymous", async () => {
    for (const c of [chief, cookies.viewer!, cookies.own!]) {
      const v = await t.get(path("/verify"), c);
      expect(v.ok).toBe(true);
      expect(v.draws[0].verification.checks.map((x: { name: string }) => x.name)).toContain("eligible.history");
      expect(v.events.committed.data.date).toBe(DATE);
    }
    expect((await t.req(path("/verify"))).status).toBe(401);
  });
});

describe("roles and scope", () => {
  it.each([
    ["GET", "/api/v1/inspections/today"],
    ["GET", `/api/v1/inspections/${DATE}`],
    ["GET", "/api/v1/inspections"],
    ["GET", "/api/v1/inspections/coverage"],
    ["POST", path("/findings")],
    ["POST", path("/complete")],
    ["POST", path("/checklist")],
    ["POST", path("/redraw")],
    ["POST", "/api/v1/inspections/adhoc"],
  ])("%s %s: 403 for duty, viewer and operators", async (method, p) => {
    for (const who of ["duty", "viewer", "own"]) {
      const res = await t.req(p, { method, cookie: cookies[who]!, ...(method === "POST" ? { json: {} } : {}) });
      expect(res.status, `${who}`).toBe(403);
    }
  });

  it("the commander may view too", async () => {
    expect((await t.req("/api/v1/inspections/today", { cookie: commander })).status).toBe(200);
  });
});

describe("bad input is a 4xx and changes nothing", () => {
  it.each([
    ["a date that is not a day", "/api/v1/inspections/2025-02-30", undefined, 422],
    ["a day without inspection", "/api/v1/inspections/2024-01-01/findings", { note: "x", severity: 1 }, 404],
    ["a finding without note", path("/findings"), { severity: 1 }, 422],
    ["a finding with severity 9", path("/findings"), { note: "x", severity: 9 }, 422],
    ["a snapshot that is not a JPEG", path("/findings"), { note: "x", severity: 1, snapshot: "aGVsbG8=" }, 422],
    ["an unknown field", path("/findings"), { note: "x", severity: 1, colour: "red" }, 422],
    ["an unknown checklist item", path("/checklist"), { items: [{ itemId: "nope", result: "pass" }] }, 422],
    ["a bad checklist result", path("/checklist"), { items: [{ itemId: "formation", result: "ok" }] }, 422],
    ["completing with items unanswered", path("/complete"), { rating: "good" }, 422],
    ["a bad rating", path("/complete"), { rating: "superb" }, 422],
    ["a redraw without reason", path("/redraw"), { reason: "  " }, 422],
    ["a redraw of another day", "/api/v1/inspections/2025-03-09/redraw", { reason: "x" }, 404],
    ["an ad-hoc of an unknown block", "/api/v1/inspections/adhoc", { prisonId: "pj", blockId: "nope" }, 404],
    ["a bad history range", "/api/v1/inspections?from=2025-03-10&to=2025-01-01", undefined, 422],
  ])("%s → %i", async (_name, p, body, status) => {
    const before = (await t.get("/api/v1/inspections/today", chief)).inspections;
    const res = body === undefined ? await t.req(p, { cookie: chief }) : await t.post(p, chief, body);
    expect(res.status).toBe(status);
    expect((await res.json()).code).toBeTypeOf("string");
    expect((await t.get("/api/v1/inspections/today", chief)).inspections).toEqual(before);
  });
});

describe("a redraw", () => {
  it("needs a reason, stays visible, and both draws verify", async () => {
    t.clock.now += 60_000;
    const res = await t.post(path("/redraw"), chief, { reason: "该监区今日停电检修" });
    expect(res.status).toBe(200);
    const day = await t.get("/api/v1/inspections/today", chief);
    const ins = day.inspections[0];
    expect(ins.attempt).toBe(1);
    expect(ins.redraws[0]).toMatchObject({ reason: "该监区今日停电检修", by: "user:chief" });
    expect(`${ins.prisonId}/${ins.blockId}`).not.toBe(`${target.prisonId}/${target.blockId}`);
    const v = await t.get(path("/verify"), chief);
    expect(
      v.draws.flatMap((d: { verification: { checks: { ok: boolean }[] } }) =>
        d.verification.checks.filter((c) => !c.ok),
      ),
    ).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.draws).toHaveLength(2);
    expect(v.events.redrawn[0].reason).toBe("该监区今日停电检修");
    target = ins;
    cookies.own = await t.login(`operator-${target.prisonId}`);
    cookies.other = await t.login(target.prisonId === "pj" ? "operator-sy1" : "operator-pj");
  });
});

describe("findings and rectification", () => {
  let findingId = "";
  it("records a finding with a snapshot (201) and serves the JPEG", async () => {
    const snapshot = jpeg(3);
    const res = await t.post(path("/findings"), chief, {
      note: "监舍内务不整",
      severity: 2,
      snapshot: `data:image/jpeg;base64,${snapshot}`,
      cameraId: target.cameras[0]!.id,
      deadlineDays: 3,
    });
    expect(res.status).toBe(201);
    findingId = (await res.json()).id;
    const img = await t.req(`/api/v1/findings/${findingId}/snapshot`, { cookie: chief });
    expect(img.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await img.arrayBuffer()).toString("base64")).toBe(snapshot);
    expect((await t.req(`/api/v1/findings/${findingId}/snapshot`, { cookie: cookies.own! })).status).toBe(200);
    expect((await t.req(`/api/v1/findings/${findingId}/snapshot`, { cookie: cookies.other! })).status).toBe(404);
    expect((await t.req(`/api/v1/findings/${findingId}/snapshot`, { cookie: cookies.duty! })).status).toBe(403);
    expect((await t.req(`/api/v1/findings/${findingId}/snapshot`)).status).toBe(401);
  });

  it("is a marker on its camera's recordings timeline (督查问题), at the time it was recorded", async () => {
    const cam = target.cameras[0]!.id;
    const at = local(`${DATE}T10:00:00`);
    const q = `from=${at - 3600_000}&to=${at + 3600_000}`;
    const tl = await t.get(`/api/v1/cameras/${cam}/recordings?${q}`, chief);
    expect(tl.findings).toEqual([expect.objectContaining({ id: findingId, severity: 2, note: "监舍内务不整" })]);
    expect(Math.abs(tl.findings[0].at - at)).toBeLessThan(3600_000);
    const other = await t.get(`/api/v1/cameras/${target.cameras[1]?.id ?? cam}/recordings?${q}`, chief);
    expect(other.findings.filter((f: { id: string }) => f.id === findingId)).toHaveLength(target.cameras[1] ? 0 : 1);
  });

  it("no longer allows a redraw", async () => {
    expect((await t.post(path("/redraw"), chief, { reason: "again" })).status).toBe(409);
  });

  it("reaches the prison's operator only, with its light", async () => {
    const own = await t.get("/api/v1/rectifications", cookies.own!);
    expect(own.map((f: { id: string }) => f.id)).toEqual([findingId]);
    expect(own[0].rectification).toMatchObject({ state: "open", light: "green", deadlineDays: 3 });
    expect(await t.get("/api/v1/rectifications", cookies.other!)).toEqual([]);
    expect((await t.req("/api/v1/rectifications", { cookie: cookies.duty! })).status).toBe(403);
  });

  it("is reported on by its own prison only; reviewed by the bureau only", async () => {
    const url = `/api/v1/rectifications/${findingId}`;
    expect((await t.post(`${url}/report`, cookies.other!, { text: "done" })).status).toBe(404);
    expect((await t.post(`${url}/report`, chief, { text: "done" })).status).toBe(403);
    expect((await t.post(`${url}/report`, cookies.own!, { text: "" })).status).toBe(422);
    expect((await t.post(`${url}/review`, chief, { decision: "accept" })).status).toBe(409);
    const photo = jpeg(9);
    expect((await t.post(`${url}/report`, cookies.own!, { text: "已整改", photo })).status).toBe(200);
    expect((await t.post(`${url}/review`, cookies.own!, { decision: "accept" })).status).toBe(403);
    expect((await t.post(`${url}/review`, chief, { decision: "return" })).status).toBe(422);
    expect((await t.post(`${url}/review`, chief, { decision: "return", note: "照片不清" })).status).toBe(200);
    expect((await t.post(`${url}/report`, cookies.own!, { text: "再次整改" })).status).toBe(200);
    expect((await t.post(`${url}/review`, commander, { decision: "accept", note: "" })).status).toBe(200);
    const [f] = await t.get("/api/v1/rectifications", cookies.own!);
    expect(f.rectification).toMatchObject({ state: "accepted", round: 1, light: null });
    expect(f.rectification.reports[0].photoUrl).toBe(`${url}/photos/0`);
    const img = await t.req(f.rectification.reports[0].photoUrl, { cookie: chief });
    expect(Buffer.from(await img.arrayBuffer()).toString("base64")).toBe(photo);
  });

  it("completes with every item answered and a rating; then nothing more is recorded", async () => {
    const day = await t.get("/api/v1/inspections/today", chief);
    const items = day.checklist.map((i: { id: string }, n: number) => ({
      itemId: i.id,
      result: n === 1 ? "issue" : "pass",
    }));
    const res = await t.post(path("/checklist"), chief, { items });
    expect(await res.json()).toEqual({ answered: items.length, of: items.length });
    expect((await t.post(path("/complete"), chief, { rating: "good", summary: "总体良好" })).status).toBe(200);
    const done = (await t.get(`/api/v1/inspections/${DATE}`, chief)).inspections[0];
    expect(done).toMatchObject({ rating: "good", completedBy: "user:chief" });
    expect(done.findings).toHaveLength(1);
    expect((await t.post(path("/findings"), chief, { note: "late", severity: 1 })).status).toBe(409);
    expect((await t.post(path("/complete"), chief, { rating: "poor" })).status).toBe(409);
  });
});

describe("ad-hoc inspections, history and coverage", () => {
  it("an ad-hoc inspection is marked as such and appears in history and coverage", async () => {
    // The draw is random (a fresh secret per data dir): inspect ad hoc a block the draw did not pick, so
    // "never inspected" is short by exactly two blocks whatever it drew.
    const drawn = (await t.get("/api/v1/inspections/today", chief)).inspections[0].blockId as string;
    const block = drawn === "pj-b2" ? "pj-b3" : "pj-b2";
    const res = await t.post("/api/v1/inspections/adhoc", chief, { prisonId: "pj", blockId: block, reason: "举报" });
    expect(res.status).toBe(200);
    const { id } = await res.json();
    const day = await t.get("/api/v1/inspections/today", chief);
    expect(day.inspections.map((i: { kind: string }) => i.kind)).toEqual(["drawn", "adhoc"]);
    const f = await t.post(path("/findings"), chief, { note: "x", severity: 3, inspectionId: id });
    expect(f.status).toBe(201);
    const history = await t.get(`/api/v1/inspections?from=2025-03-01&to=${DATE}`, chief);
    expect(history.days[0].date).toBe(DATE);
    expect(history.days[0].inspections[1]).toMatchObject({ kind: "adhoc", prisonId: "pj", blockId: block });
    const cov = await t.get(`/api/v1/inspections/coverage?from=2025-03-01&to=${DATE}`, chief);
    expect(cov.heat.find((h: { date: string }) => h.date === DATE).count).toBe(2);
    expect(cov.blocks.find((b: { blockId: string }) => b.blockId === block).adHocDates).toEqual([DATE]);
    expect(cov.never.length).toBe(cov.blocks.length - 2);
  });
});
