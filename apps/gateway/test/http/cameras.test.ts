// Camera edits at run time: commander only, validated, logged, folded, stop the stream, and survive a
// restart on the same DATA_DIR (as do sessions).
import { afterAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway, tempDir } from "../helpers";

describe("camera CRUD", () => {
  const dir = tempDir();
  let t: TestGateway;
  afterAll(() => t?.close());

  it("adds, edits and removes cameras, persisted across a restart", async () => {
    t = await startTestGateway({ dir });
    const commander = await t.login("commander");
    const chief = await t.login("chief");

    const denied = await t.req("/api/v1/cameras", {
      method: "POST",
      cookie: chief,
      json: { name: "x", prisonId: "pj", source: { kind: "rtmp" } },
    });
    expect(denied.status).toBe(403);

    const created = await t.req("/api/v1/cameras", {
      method: "POST",
      cookie: commander,
      json: {
        id: "pj-new-1",
        name: "新摄像机",
        kind: "yard",
        prisonId: "pj",
        subBlockId: "pj-b2-s1",
        source: { kind: "rtmp" },
      },
    });
    expect(created.status).toBe(201);
    const cam = (await created.json()) as { id: string; blockId: string; publishUrl: string; hasSubStream: boolean };
    expect(cam).toMatchObject({ id: "pj-new-1", blockId: "pj-b2", hasSubStream: false });
    expect(cam.publishUrl).toMatch(/^rtmp:\/\/127\.0\.0\.1:1935\/live\/pj-new-1\?key=[A-Za-z0-9_-]{16,}$/);

    // Only commanders see the publish URL.
    const asChief = (await (await t.req("/api/v1/cameras/pj-new-1", { cookie: chief })).json()) as object;
    expect(asChief).not.toHaveProperty("publishUrl");

    const rtsp = await t.req("/api/v1/cameras", {
      method: "POST",
      cookie: commander,
      json: { name: "会见室", kind: "visiting", prisonId: "jz", source: { kind: "rtsp", url: "rtsp://10.0.0.9/main" } },
    });
    expect(rtsp.status).toBe(201);
    const rtspCam = (await rtsp.json()) as { id: string; blockId: null };
    expect(rtspCam.id).toMatch(/^jz-c[0-9a-f]{6}$/);
    expect(rtspCam.blockId).toBeNull();

    const dup = await t.req("/api/v1/cameras", {
      method: "POST",
      cookie: commander,
      json: { id: "pj-new-1", name: "x", prisonId: "pj", source: { kind: "rtmp" } },
    });
    expect(dup.status).toBe(409);

    for (const [body, field] of [
      [{ name: "x", prisonId: "nope", source: { kind: "sim" } }, "prisonId"],
      [{ name: "x", prisonId: "pj", blockId: "jz-b1", source: { kind: "sim" } }, "blockId"],
      [{ name: "x", prisonId: "pj", subBlockId: "pj-b1-s1", blockId: "pj-b2", source: { kind: "sim" } }, "subBlockId"],
    ] as const) {
      const res = await t.req("/api/v1/cameras", { method: "POST", cookie: commander, json: body });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ code: "validation", field });
    }

    const patched = await t.req("/api/v1/cameras/pj-b1-s1-cell", {
      method: "PATCH",
      cookie: commander,
      json: {
        name: "一分监区监舍（东）",
        source: { kind: "rtsp", url: "rtsp://10.1.1.1/ch1", subUrl: "rtsp://10.1.1.1/ch2" },
      },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      name: "一分监区监舍（东）",
      hasSubStream: true,
      source: { kind: "rtsp" },
    });
    expect(t.fake.stopped).toContain("pj-b1-s1-cell");

    const badPatch = await t.req("/api/v1/cameras/pj-b1-s1-cell", {
      method: "PATCH",
      cookie: commander,
      json: { subBlockId: "jz-b1-s1" },
    });
    expect(badPatch.status).toBe(422);
    expect((await t.req("/api/v1/cameras/nope", { method: "PATCH", cookie: commander, json: {} })).status).toBe(404);

    expect((await t.req("/api/v1/cameras/pj-b1-s1-yard", { method: "DELETE", cookie: commander })).status).toBe(204);
    expect(t.fake.stopped).toContain("pj-b1-s1-yard");
    expect((await t.req("/api/v1/cameras/pj-b1-s1-yard", { method: "DELETE", cookie: commander })).status).toBe(404);
    expect((await t.req("/api/v1/cameras/pj-b1-s1-yard", { cookie: commander })).status).toBe(404);

    const search = (await (await t.req("/api/v1/cameras?q=新摄像机", { cookie: commander })).json()) as unknown[];
    expect(search).toHaveLength(1);

    await t.close({ keepDir: true });

    // Same DATA_DIR: the edits and the sessions are folded back from the journal.
    t = await startTestGateway({ dir });
    const again = await t.req("/api/v1/cameras/pj-new-1", { cookie: commander });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { publishUrl: string }).publishUrl).toBe(cam.publishUrl);
    expect((await t.req("/api/v1/cameras/pj-b1-s1-yard", { cookie: commander })).status).toBe(404);
    const cell = (await (await t.req("/api/v1/cameras/pj-b1-s1-cell", { cookie: commander })).json()) as {
      name: string;
    };
    expect(cell.name).toBe("一分监区监舍（东）");
    const tree = JSON.stringify(await (await t.req("/api/v1/tree", { cookie: commander })).json());
    expect(tree).toContain("pj-new-1");
    expect(tree).not.toContain("pj-b1-s1-yard");

    const audit = (await (await t.req("/api/v1/audit?type=camera.", { cookie: commander })).json()) as {
      events: Array<{ type: string; actor: string; data: object }>;
    };
    expect(audit.events.map((e) => e.type)).toEqual([
      "camera.removed",
      "camera.updated",
      "camera.added",
      "camera.added",
    ]);
    for (const e of audit.events) {
      expect(e.actor).toBe("commander");
      expect(e.data).not.toHaveProperty("publishKey");
    }
  });
});

describe("RTMP publish authorization hook", () => {
  it("accepts the camera's key for main and _sub, refuses others", async () => {
    const t = await startTestGateway();
    try {
      const commander = await t.login("commander");
      const res = await t.req("/api/v1/cameras", {
        method: "POST",
        cookie: commander,
        json: { id: "push-1", name: "推流", prisonId: "pj", source: { kind: "rtmp" } },
      });
      const { publishUrl } = (await res.json()) as { publishUrl: string };
      const key = new URL(publishUrl.replace("rtmp://", "http://")).searchParams.get("key") ?? "";
      const hooks = t.fake.hooks!;
      expect(hooks.authorizePublish("push-1", key)).toBe(true);
      expect(hooks.authorizePublish("push-1_sub", key)).toBe(true);
      expect(hooks.authorizePublish("push-1", `${key}x`)).toBe(false);
      expect(hooks.authorizePublish("push-1", undefined)).toBe(false);
      expect(hooks.authorizePublish("pj-b1-s1-cell", key)).toBe(false);
      expect(hooks.resolve("pj-b1-s1-cell")).toMatchObject({ label: "盘锦监狱 / 一监区 / 一分监区 / 一分监区监舍" });
      expect(hooks.resolve("nope")).toBeNull();
    } finally {
      await t.close();
    }
  });
});
