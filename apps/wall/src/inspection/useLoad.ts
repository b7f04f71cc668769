// Loads data for a view and re-loads it when the live `inspection` topic reports a change (or when
// `deps` change). Owns the request's lifetime: a stale answer never overwrites a newer one.
import { useCallback, useEffect, useRef, useState } from "react";
import { errorText } from "../api/errorText";
import { useLive } from "../live/LiveProvider";

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const seq = useLive((s) => s.inspectionSeq);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [bump, setBump] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's, seq/bump trigger reloads
  useEffect(() => {
    let live = true;
    loadRef.current().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [seq, bump, ...deps]);
  const reload = useCallback(() => setBump((b) => b + 1), []);
  return { data, error, reload };
}
