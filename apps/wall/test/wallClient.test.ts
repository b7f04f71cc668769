import { describe, expect, it } from "vitest";
import { splitWallClient, type WallClient } from "../src/wall/wallClient";

function recording(name: string, calls: string[]): WallClient {
  return {
    load: async (n) => {
      calls.push(`${name}.load ${n}`);
      return null;
    },
    save: async (n) => {
      calls.push(`${name}.save ${n}`);
      return { status: "saved" };
    },
    subscribe: (n) => {
      calls.push(`${name}.subscribe ${n}`);
      return () => {};
    },
  };
}

describe("splitWallClient", () => {
  it.each([
    { screen: 0, to: "local" },
    { screen: 1, to: "remote" },
    { screen: 16, to: "remote" },
  ])("screen $screen goes to the $to client", async ({ screen, to }) => {
    const calls: string[] = [];
    const client = splitWallClient(recording("local", calls), recording("remote", calls));
    await client.load(screen);
    await client.save(screen, { layoutId: "1", tiles: [null], tourId: null });
    client.subscribe(screen, () => {})();
    expect(calls).toEqual([`${to}.load ${screen}`, `${to}.save ${screen}`, `${to}.subscribe ${screen}`]);
  });
});
