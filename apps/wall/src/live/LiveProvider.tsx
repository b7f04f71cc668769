// Mounts the one live WebSocket for the logged-in app and feeds the per-topic store.
// Owns: the socket's lifetime (opened on mount, closed and the store reset on unmount), the batching of
// a burst of messages into one store update, and the connection's topic subscription (useLiveTopics).
import type { LiveMessage, LiveTopic } from "@cw/protocol";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef } from "react";
import { useStore } from "zustand";
import { recheckSession } from "../session/sessionStore";
import { LiveSocket } from "./liveSocket";
import { applyLiveBatch, initialLiveState, type LiveState, liveStore } from "./liveStore";
import { parseLiveMessage } from "./topics";

const SendContext = createContext<(message: unknown) => void>(() => {});
const TopicsContext = createContext<(topics: readonly LiveTopic[] | null) => void>(() => {});

function liveUrl(): string {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${location.host}/api/v1/live`;
}

/**
 * Runs `flush` once after the messages already queued by the browser: a MessageChannel task, which
 * (unlike setTimeout) a background tab does not throttle to a second or more — a duty console in another
 * tab must still hear a new alarm at once.
 */
function burstScheduler(flush: () => void): { schedule(): void; close(): void } {
  const channel = new MessageChannel();
  let scheduled = false;
  channel.port1.onmessage = () => {
    scheduled = false;
    flush();
  };
  return {
    schedule() {
      if (scheduled) return;
      scheduled = true;
      channel.port2.postMessage(null);
    },
    close() {
      channel.port1.close();
    },
  };
}

export function LiveProvider({ children }: { children: ReactNode }) {
  const topics = useRef<readonly LiveTopic[] | null>(null);
  const socketRef = useRef<LiveSocket | null>(null);

  useEffect(() => {
    let pending: LiveMessage[] = [];
    const burst = burstScheduler(() => {
      const msgs = pending;
      pending = [];
      if (msgs.length > 0) liveStore.setState((s) => applyLiveBatch(s, msgs, Date.now()), true);
    });
    const live = new LiveSocket({
      url: liveUrl(),
      onState: (conn) => liveStore.setState({ conn }),
      onSessionEnded: () => void recheckSession(),
      onOpen: () => {
        liveStore.setState({ awaitingSnapshot: true });
        // A reconnect starts with every topic: narrow it again.
        if (topics.current !== null) live.send({ topic: "subscribe", data: { topics: topics.current } });
      },
      onMessage: (raw) => {
        const parsed = parseLiveMessage(raw);
        if (!parsed.ok) {
          // A bad message is dropped, never allowed into the store; warn for whoever debugs the gateway.
          console.warn("live message rejected:", parsed.error.message);
          return;
        }
        if (parsed.value) {
          pending.push(parsed.value);
          burst.schedule();
        }
      },
    });
    live.start();
    socketRef.current = live;
    return () => {
      live.close();
      burst.close();
      socketRef.current = null;
      liveStore.setState(initialLiveState(), true);
    };
  }, []);

  const send = useCallback((message: unknown) => socketRef.current?.send(message), []);
  const setTopics = useCallback((next: readonly LiveTopic[] | null) => {
    const had = (t: LiveTopic) => topics.current === null || topics.current.includes(t);
    // Widened to stream health again: the snapshot the gateway re-sends replaces, not merges.
    if (!had("stream.health") && (next === null || next.includes("stream.health"))) {
      liveStore.setState({ awaitingSnapshot: true });
    }
    topics.current = next;
    socketRef.current?.send({ topic: "subscribe", data: { topics: next } });
  }, []);
  return (
    <SendContext.Provider value={send}>
      <TopicsContext.Provider value={setTopics}>{children}</TopicsContext.Provider>
    </SendContext.Provider>
  );
}

/** Reads a slice of the live store; re-renders only when the selected value changes. */
export function useLive<T>(selector: (s: LiveState) => T): T {
  return useStore(liveStore, selector);
}

export function useLiveSend(): (message: unknown) => void {
  return useContext(SendContext);
}

/**
 * While the calling page is mounted, the connection hears only these topics (hello always comes); on
 * unmount it hears everything again and the gateway re-sends the snapshots. For pages that show a
 * coalesced view: the dashboards need `overview`, not the hundreds of `alarm` messages a second an alarm
 * storm makes.
 */
export function useLiveTopics(wanted: readonly LiveTopic[]): void {
  const setTopics = useContext(TopicsContext);
  const key = wanted.join(",");
  useEffect(() => {
    setTopics(key === "" ? [] : (key.split(",") as LiveTopic[]));
    return () => setTopics(null);
  }, [key, setTopics]);
}
