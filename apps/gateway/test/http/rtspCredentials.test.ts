// An RTSP camera's `user:pass@` is shown to commanders (cameras.manage) only: every other role reads the
// camera — by id and in searches — with the credentials replaced by ***.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../helpers";

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(() => t.close());

it("redacts RTSP credentials for everyone but commanders", async () => {
  const commander = await t.login("commander");
  const chief = await t.login("chief");
  const url = "rtsp://admin:Hik-12345@10.0.0.9:554/Streaming/Channels/101";
  const created = await t.req("/api/v1/cameras", {
    method: "POST",
    cookie: commander,
    json: { name: "周界北", kind: "perimeter", prisonId: "jz", source: { kind: "rtsp", url, transport: "udp" } },
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const mine = (await (await t.req(`/api/v1/cameras/${id}`, { cookie: commander })).json()) as {
    source: { url: string; transport: string };
  };
  expect(mine.source).toMatchObject({ url, transport: "udp" });
  const theirs = await (await t.req(`/api/v1/cameras/${id}`, { cookie: chief })).text();
  expect(theirs).toContain("rtsp://***@10.0.0.9:554/Streaming/Channels/101");
  const search = await (await t.req("/api/v1/cameras?q=周界北", { cookie: chief })).text();
  expect(search).toContain("rtsp://***@10.0.0.9");
  expect(theirs + search).not.toContain("Hik-12345");
});
