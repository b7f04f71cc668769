// The audit page's model: the filters, the rows loaded so far (newest first, 50 a page, "load more" pages
// by the last `next`), the names for pickers and sentences, and errors as text. Reloads from the first page
// whenever a filter changes. No rendering here.
import type { AuditEvent, AuditNames } from "@cw/protocol";
import { useCallback, useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import { errorText } from "../api/errorText";
import { languageStore } from "../i18n/i18n";
import { clockStore } from "../time/clockStore";
import { auditApi } from "./auditApi";
import { type AuditFilters, auditQuery, noFilters } from "./auditModel";

const PAGE = 50;

export interface AuditModel {
  filters: AuditFilters;
  setFilter<K extends keyof AuditFilters>(key: K, value: AuditFilters[K]): void;
  clear(): void;
  rows: AuditEvent[];
  names: AuditNames | null;
  more: boolean;
  loading: boolean;
  error: string | null;
  loadMore(): void;
  csvHref: string;
}

export function useAudit(): AuditModel {
  const tz = useStore(clockStore, (s) => s.tzOffsetMin);
  const lang = useStore(languageStore, (s) => s.lang);
  const [filters, setFilters] = useState<AuditFilters>(noFilters);
  const [rows, setRows] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [names, setNames] = useState<AuditNames | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The filters' query the rows belong to: a late answer for old filters is dropped. */
  const current = useRef("");

  useEffect(() => {
    let stop = false;
    auditApi
      .names()
      .then((n) => !stop && setNames(n))
      .catch((err: unknown) => !stop && setError(errorText(err)));
    return () => {
      stop = true;
    };
  }, []);

  const query = auditQuery(filters, tz);
  const load = useCallback(async (q: string, before: number | null) => {
    current.current = q;
    setLoading(true);
    try {
      const page = await auditApi.page(`${q}${q ? "&" : ""}limit=${PAGE}${before === null ? "" : `&before=${before}`}`);
      if (current.current !== q) return;
      setRows((old) => (before === null ? page.events : [...old, ...page.events]));
      setNext(page.next);
      setError(null);
    } catch (err) {
      if (current.current === q) setError(errorText(err));
    } finally {
      if (current.current === q) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(query, null);
  }, [query, load]);

  return {
    filters,
    setFilter: (key, value) =>
      setFilters((f) => ({
        ...f,
        [key]: value,
        ...(key === "prisonId" && value !== f.prisonId ? { cameraId: "" } : {}),
      })),
    clear: () => setFilters(noFilters),
    rows,
    names,
    more: next !== null,
    loading,
    error,
    loadMore: () => {
      if (next !== null && !loading) void load(query, next);
    },
    csvHref: auditApi.csvHref(auditQuery(filters, tz, { lang })),
  };
}
