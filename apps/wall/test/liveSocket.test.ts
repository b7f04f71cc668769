import { describe, expect, it } from "vitest";
import { backoffDelay } from "../src/live/backoff";
import { type ConnState, LiveSocket, type SocketLike } from "../src/live/liveSocket";

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  closedWith: number | undefined;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onerror?.({});
    this.onclose?.({});
  }
}

function harness() {
  const sockets: FakeSocket[] = [];
  const states: ConnState[] = [];
  const messages: string[] = [];
  const pending: { fn: () => void; ms: number; cleared: boolean }[] = [];
  let opens = 0;
  const live = new LiveSocket({
    url: "ws://x/api/v1/live",
    onMessage: (m) => messages.push(m),
    onState: (s) => states.push(s),
    onOpen: () => {
      opens += 1;
    },
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    timers: {
      set: (fn, ms) => {
        const t = { fn, ms, cleared: false };
        pending.push(t);
        return t;
      },
      clear: (h) => {
        (h as { cleared: boolean }).cleared = true;
      },
    },
    rng: () => 1,
  });
  const fire = () => {
    const t = pending.shift();
    if (t && !t.cleared) t.fn();
    return t?.ms;
  };
  return { live, sockets, states, messages, pending, fire, opens: () => opens };
}

describe("backoffDelay", () => {
  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [4, 8000],
    [5, 10_000],
    [50, 10_000],
  ])("attempt %i → %i ms", (attempt, ms) => {
    expect(backoffDelay(attempt)).toBe(ms);
  });
  it("jitter stays within 80..100 % and never under the minimum", () => {
    expect(backoffDelay(3, undefined, () => 0)).toBe(3200);
    expect(backoffDelay(0, undefined, () => 0)).toBe(500);
  });
});

describe("LiveSocket", () => {
  it("connects, delivers messages and flushes the send queue on open", () => {
    const h = harness();
    h.live.start();
    h.live.send({ topic: "sub", data: 1 });
    expect(h.live.queued).toBe(1);
    h.sockets[0]!.open();
    expect(h.sockets[0]!.sent).toEqual(['{"topic":"sub","data":1}']);
    h.sockets[0]!.onmessage?.({ data: '{"topic":"hello"}' });
    expect(h.messages).toEqual(['{"topic":"hello"}']);
    expect(h.states).toEqual(["connecting", "connected"]);
    h.live.close();
  });

  it("reconnects with growing back-off and resets it after a successful open", () => {
    const h = harness();
    h.live.start();
    h.sockets[0]!.drop();
    expect(h.fire()).toBe(500);
    h.sockets[1]!.drop();
    expect(h.fire()).toBe(1000);
    h.sockets[2]!.open();
    h.sockets[2]!.drop();
    expect(h.fire()).toBe(500);
    expect(h.states).toEqual([
      "connecting",
      "reconnecting",
      "reconnecting",
      "reconnecting",
      "reconnecting",
      "connected",
      "reconnecting",
      "reconnecting",
    ]);
    expect(h.opens()).toBe(1);
    h.live.close();
  });

  it("close stops the timer and the socket and never reconnects", () => {
    const h = harness();
    h.live.start();
    h.sockets[0]!.drop();
    h.live.close();
    expect(h.pending[0]?.cleared).toBe(true);
    h.fire();
    expect(h.sockets).toHaveLength(1);
    expect(h.states.at(-1)).toBe("closed");

    const c = harness();
    c.live.start();
    c.live.close();
    expect(c.sockets[0]!.closedWith).toBeUndefined();
    c.sockets[0]!.open();
    expect(c.sockets[0]!.closedWith).toBe(1000);
    expect(c.states).toEqual(["connecting", "closed"]);

    const k = harness();
    k.live.start();
    k.sockets[0]!.open();
    k.live.close();
    expect(k.sockets[0]!.closedWith).toBe(1000);
    k.sockets[0]!.onclose?.({});
    expect(k.pending).toHaveLength(0);
  });

  it("bounds the send queue", () => {
    const h = harness();
    for (let i = 0; i < 150; i++) h.live.send(i);
    expect(h.live.queued).toBe(100);
    h.live.close();
  });
});

describe("session ended (4401)", () => {
  it("tells its owner when the gateway ends or changes the session, and keeps reconnecting", () => {
    let ended = 0;
    const sockets: FakeSocket[] = [];
    const pending: Array<() => void> = [];
    const live = new LiveSocket({
      url: "ws://x/api/v1/live",
      onMessage: () => {},
      onState: () => {},
      onSessionEnded: () => {
        ended += 1;
      },
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
      timers: { set: (fn) => pending.push(fn), clear: () => {} },
      rng: () => 1,
    });
    live.start();
    sockets[0]!.open();
    sockets[0]!.onclose?.({ code: 1006 });
    expect(ended).toBe(0);
    pending.shift()!();
    sockets[1]!.open();
    sockets[1]!.onclose?.({ code: 4401 });
    expect(ended).toBe(1);
    expect(pending).toHaveLength(1);
    live.close();
  });
});
