// Orders as pages read them: what was fetched over HTTP, overlaid by what the live `order` topic pushed
// since (a pushed view is always the newest: the gateway pushes after every change). Owns only the
// fetched copies, in component state; never writes the live store.
import type { OrderSummaryWire, OrderViewWire } from "@cw/protocol";
import { useCallback, useEffect, useMemo, useState } from "react";
import { errorText } from "../api/errorText";
import { useLive } from "../live/LiveProvider";
import { ordersApi } from "./ordersApi";

export function summaryOf(v: OrderViewWire): OrderSummaryWire {
  const { body: _b, addressedTo: _a, templateId: _t, rows: _r, trail: _tr, ...head } = v;
  return head;
}

const newestFirst = (a: { issuedAt: number; id: string }, b: { issuedAt: number; id: string }) =>
  b.issuedAt - a.issuedAt || (a.id < b.id ? 1 : -1);

/** The order list (summaries), live. */
export function useOrderList(): { orders: OrderSummaryWire[]; error: string | null; reload: () => void } {
  const [fetched, setFetched] = useState<OrderSummaryWire[]>([]);
  const [error, setError] = useState<string | null>(null);
  const live = useLive((s) => s.orders.byId);
  const reload = useCallback(() => {
    ordersApi
      .list()
      .then((list) => {
        setFetched(list);
        setError(null);
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(reload, [reload]);
  const orders = useMemo(() => {
    const byId = new Map(fetched.map((s) => [s.id, s]));
    for (const v of Object.values(live)) byId.set(v.id, summaryOf(v));
    return [...byId.values()].sort(newestFirst);
  }, [fetched, live]);
  return { orders, error, reload };
}

/** One order's command view, live; `seed` is a view the caller already has (a POST's answer). */
export function useOrderView(id: string | null): {
  view: OrderViewWire | null;
  error: string | null;
  setFetched: (v: OrderViewWire) => void;
} {
  const [fetched, setFetched] = useState<OrderViewWire | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useLive((s) => (id === null ? undefined : s.orders.byId[id]));
  useEffect(() => {
    setFetched(null);
    setError(null);
    if (id === null) return;
    let gone = false;
    ordersApi
      .get(id)
      .then((v) => !gone && setFetched(v))
      .catch((err: unknown) => !gone && setError(errorText(err)));
    return () => {
      gone = true;
    };
  }, [id]);
  return { view: live ?? (fetched?.id === id ? fetched : null), error, setFetched };
}

/** Every order of an operator's prison with its rows (the terminal needs the receipt of each), live. */
export function useTerminalOrders(limit = 50): { orders: OrderViewWire[]; error: string | null } {
  const [fetched, setFetched] = useState<Record<string, OrderViewWire>>({});
  const [error, setError] = useState<string | null>(null);
  const live = useLive((s) => s.orders.byId);
  useEffect(() => {
    let gone = false;
    ordersApi
      .list(limit)
      .then((list) => Promise.all(list.map((s) => ordersApi.get(s.id))))
      .then((views) => !gone && setFetched(Object.fromEntries(views.map((v) => [v.id, v]))))
      .catch((err: unknown) => !gone && setError(errorText(err)));
    return () => {
      gone = true;
    };
  }, [limit]);
  const orders = useMemo(() => Object.values({ ...fetched, ...live }).sort(newestFirst), [fetched, live]);
  return { orders, error };
}
