// A live WebSocket client for the wall tests: queues messages and waits for one matching a predicate
// (with a deadline, never a fixed sleep). close() waits for the socket to close.
import type { LiveMessage } from "@cw/protocol";
import WebSocket from "ws";

export interface LiveClient {
  ws: WebSocket;
  messages: Array<{ msg: LiveMessage; at: number }>;
  next(pred: (m: LiveMessage) => boolean, timeoutMs?: number): Promise<{ msg: LiveMessage; at: number }>;
  close(): Promise<void>;
}

export function connectLive(baseUrl: string, cookie: string): Promise<LiveClient> {
  const ws = new WebSocket(`${baseUrl.replace("http", "ws")}/api/v1/live`, { headers: { cookie } });
  const messages: LiveClient["messages"] = [];
  const waiters = new Set<() => void>();
  ws.on("message", (raw) => {
    messages.push({ msg: JSON.parse(String(raw)) as LiveMessage, at: performance.now() });
    for (const w of waiters) w();
  });
  const closed = new Promise<void>((resolve) => ws.on("close", () => resolve()));
  const next: LiveClient["next"] = (pred, timeoutMs = 5000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const i = messages.findIndex((m) => pred(m.msg));
        if (i < 0) return false;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(messages.splice(i, 1)[0]!);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error("no matching live message"));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  return new Promise((resolve, reject) => {
    ws.once("open", () =>
      resolve({
        ws,
        messages,
        next,
        close: () => {
          ws.close();
          return closed;
        },
      }),
    );
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

export const isScreen =
  (n: number, pred: (s: Extract<LiveMessage, { topic: "wall.screen" }>["data"]) => boolean = () => true) =>
  (m: LiveMessage) =>
    m.topic === "wall.screen" && m.data.n === n && pred(m.data);
