// The tree's search box → the gateway's search (GET /api/v1/cameras/search). Debounced with a leading edge:
// a term typed after a pause (or pasted, or an IME's composed word) is asked at once; keystrokes in quick
// succession wait until typing pauses for DEBOUNCE_MS. The answer in flight for an older term is aborted.
// A catalogue change (`version`: the tree the wall holds) asks the same term again, so a shown answer
// follows cameras added, moved, withheld or given back.
// Owns: the request per term. Never renders.
import type { CameraSearchAnswer } from "@cw/protocol";
import { useEffect, useRef, useState } from "react";
import { api } from "../api/endpoints";
import { errorText } from "../api/errorText";

export const DEBOUNCE_MS = 150;

export interface TreeSearch {
  /** The term the shown answer is for ("" when the box is empty). */
  term: string;
  answer: CameraSearchAnswer | null;
  /** A newer term is being asked. */
  busy: boolean;
  error: string | null;
}

const idle: TreeSearch = { term: "", answer: null, busy: false, error: null };

/** Leading-edge debounce: 0 after a pause of DEBOUNCE_MS since the last keystroke, else DEBOUNCE_MS. */
export function searchDelay(now: number, lastInput: number | null): number {
  return lastInput === null || now - lastInput >= DEBOUNCE_MS ? 0 : DEBOUNCE_MS;
}

export function useTreeSearch(query: string, version: unknown): TreeSearch {
  const [state, setState] = useState<TreeSearch>(idle);
  const lastInput = useRef<number | null>(null);
  const lastQuery = useRef(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is a trigger, not read
  useEffect(() => {
    const term = query.trim();
    const now = performance.now();
    const typed = lastQuery.current !== query;
    lastQuery.current = query;
    // A catalogue change re-asks after the debounce (changes come in bursts); a keystroke as typed.
    const delay = typed ? searchDelay(now, lastInput.current) : DEBOUNCE_MS;
    if (typed) lastInput.current = now;
    if (term === "") {
      setState(idle);
      return;
    }
    setState((s) => ({ ...s, busy: true }));
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      api
        .cameraSearch(term, ctl.signal)
        .then((answer) => setState({ term, answer, busy: false, error: null }))
        .catch((err: unknown) => {
          if (!ctl.signal.aborted) setState({ term, answer: null, busy: false, error: errorText(err) });
        });
    }, delay);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [query, version]);
  return state;
}
