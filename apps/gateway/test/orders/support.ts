// Shared by the orders tests: a live WebSocket client with a per-topic inbox, and order bodies.
import type { LiveMessage } from "@cw/protocol";
import WebSocket from "ws";
import type { TestGateway } from "../helpers";

export interface LiveClient {
  ws: WebSocket;
  /** The next message of `topic` (optionally matching `where`), waiting up to 5 s. */
  next(topic: LiveMessage["topic"], where?: (m: LiveMessage) => boolean): Promise<LiveMessage>;
  /** Messages received so far and not taken by next(). */
  inbox: LiveMessage[];
  send(msg: unknown): void;
  close(): Promise<void>;
}

export function connectLive(t: TestGateway, cookie: string): Promise<LiveClient> {
  const ws = new WebSocket(`${t.gw.url.replace("http", "ws")}/api/v1/live`, { headers: { cookie } });
  const inbox: LiveMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.on("message", (raw) => {
    inbox.push(JSON.parse(String(raw)) as LiveMessage);
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<void>((resolve) => ws.on("close", () => resolve()));
  const next: LiveClient["next"] = async (topic, where = () => true) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const i = inbox.findIndex((m) => m.topic === topic && where(m));
      if (i >= 0) return inbox.splice(i, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no ${topic} message`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 100);
      });
    }
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () =>
      resolve({
        ws,
        next,
        inbox,
        send: (msg) => ws.send(JSON.stringify(msg)),
        close: async () => {
          ws.close();
          await closed;
        },
      }),
    );
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

/** Polls `probe` until it returns a value that is not undefined, or fails after 5 s. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A tiny valid JPEG header as base64 (the domain checks magic bytes and size, never decodes). */
export const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString("base64");
export const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString("base64");

export function composeBody(now: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "加强夜间巡查",
    body: "今晚起各监区加强夜间巡查，落实双人双岗。",
    priority: "urgent",
    category: "custody_security",
    targets: ["pj", "jz"],
    signDeadline: now + 3_600_000,
    feedbackDeadline: now + 7_200_000,
    ...over,
  };
}
