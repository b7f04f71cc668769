// Secrets at rest (issue 17): an RTSP camera's password and an RTMP camera's publish key are sealed
// (AES-256-GCM, key derived from DATA_DIR/secret) in everything the gateway writes — the event log and its
// state snapshots — yet commanders read the URL whole, across a restart, while other roles read ***.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { atRestKey, openUrl, sealUrl, secretBox } from "../../src/auth/atRest";
import { startTestGateway, type TestGateway } from "../helpers";

const PASSWORD = "Hik-S3cret-778";
const url = `rtsp://admin:${PASSWORD}@10.0.0.9:554/Streaming/Channels/101`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe("sealing", () => {
  const box = secretBox(atRestKey(Buffer.alloc(32, 7)));
  it("round-trips a URL's password and leaves other URLs alone", () => {
    const sealed = sealUrl(url, box);
    expect(sealed).toMatch(/^rtsp:\/\/admin:cw1\.[A-Za-z0-9_-]+@10\.0\.0\.9:554\/Streaming\/Channels\/101$/);
    expect(sealed).not.toContain(PASSWORD);
    expect(openUrl(sealed, box)).toBe(url);
    expect(sealUrl(sealed, box)).toBe(sealed);
    for (const plain of ["rtsp://10.0.0.9/live", "rtsp://admin@10.0.0.9/live", "rtsp://admin:@h/x"]) {
      expect(sealUrl(plain, box)).toBe(plain);
      expect(openUrl(plain, box)).toBe(plain);
    }
  });

  it("refuses a tampered value or another key", () => {
    const sealed = box.seal(PASSWORD);
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === "A" ? "B" : "A"}${sealed.at(-1)}`;
    expect(() => box.open(flipped)).toThrow();
    expect(() => secretBox(atRestKey(Buffer.alloc(32, 8))).open(sealed)).toThrow();
    expect(box.open("plain-old-value")).toBe("plain-old-value");
  });
});

describe("in the gateway", () => {
  let t: TestGateway;
  afterAll(() => t?.close());

  it("the data dir never holds the plain password or publish key; commanders still read them", async () => {
    t = await startTestGateway({ config: { snapshotEvery: 1 } });
    const commander = await t.login("commander");
    const created = await t.req("/api/v1/cameras", {
      method: "POST",
      cookie: commander,
      json: { name: "周界北", kind: "perimeter", prisonId: "jz", source: { kind: "rtsp", url, subUrl: `${url}2` } },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const rtmp = await t.req("/api/v1/cameras", {
      method: "POST",
      cookie: commander,
      json: { name: "推流", kind: "yard", prisonId: "jz", source: { kind: "rtmp" } },
    });
    const { publishUrl } = (await rtmp.json()) as { publishUrl: string };
    const key = new URL(publishUrl).searchParams.get("key") ?? "";
    expect(key.length).toBeGreaterThan(10);
    const dir = t.dir;
    await t.close({ keepDir: true });

    const files = filesUnder(dir);
    expect(files.some((f) => f.endsWith(".jsonl"))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.includes(PASSWORD), f).toBe(false);
      expect(bytes.includes(key), f).toBe(false);
    }
    const journal = files
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => readFileSync(f, "utf8"))
      .join("");
    expect(journal).toContain("rtsp://admin:cw1.");

    t = await startTestGateway({ dir, config: { snapshotEvery: 1 } });
    const again = await t.login("commander");
    const camera = (await (await t.req(`/api/v1/cameras/${id}`, { cookie: again })).json()) as {
      source: { url: string; subUrl: string };
    };
    expect(camera.source).toMatchObject({ url, subUrl: `${url}2` });
    const chief = await (await t.req(`/api/v1/cameras/${id}`, { cookie: await t.login("chief") })).text();
    expect(chief).not.toContain(PASSWORD);
    const audit = await (await t.req("/api/v1/audit?type=camera.", { cookie: again })).text();
    expect(audit).not.toContain(PASSWORD);
  });
});
