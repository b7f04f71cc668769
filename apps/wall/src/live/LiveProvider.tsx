// Mounts the one live WebSocket for the logged-in app and feeds the per-topic store.
// Owns: the socket's lifetime (opened on mount, closed and the store reset on unmount).
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { useStore } from "zustand";
import { LiveSocket } from "./liveSocket";
import { applyLive, initialLiveState, type LiveState, liveStore } from "./liveStore";
import { parseLiveMessage } from "./topics";

const SendContext = createContext<(message: unknown) => void>(() => {});

function liveUrl(): string {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${location.host}/api/v1/live`;
}

export function LiveProvider({ children }: { children: ReactNode }) {
  const [socket, setSocket] = useState<LiveSocket | null>(null);

  useEffect(() => {
    const live = new LiveSocket({
      url: liveUrl(),
      onState: (conn) => liveStore.setState({ conn }),
      onOpen: () => liveStore.setState({ awaitingSnapshot: true }),
      onMessage: (raw) => {
        const parsed = parseLiveMessage(raw);
        if (!parsed.ok) {
          // A bad message is dropped, never allowed into the store; warn for whoever debugs the gateway.
          console.warn("live message rejected:", parsed.error.message);
          return;
        }
        if (parsed.value) liveStore.setState((s) => applyLive(s, parsed.value!, Date.now()));
      },
    });
    live.start();
    setSocket(live);
    return () => {
      live.close();
      liveStore.setState(initialLiveState(), true);
    };
  }, []);

  const send = (message: unknown) => socket?.send(message);
  return <SendContext.Provider value={send}>{children}</SendContext.Provider>;
}

/** Reads a slice of the live store; re-renders only when the selected value changes. */
export function useLive<T>(selector: (s: LiveState) => T): T {
  return useStore(liveStore, selector);
}

export function useLiveSend(): (message: unknown) => void {
  return useContext(SendContext);
}
