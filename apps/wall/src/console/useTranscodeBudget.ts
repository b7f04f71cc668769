// Keeps the console's transcode budget fresh: fetched now and every 5 s while the page is visible (a
// transcode starts with a tile's play request and stops 30 s after its last viewer, so a few seconds
// behind is at a glance). Errors keep the last answer: the badge is a hint, not a control.
import type { TranscodeBudget } from "@cw/protocol";
import { useEffect, useState } from "react";
import { api } from "../api/endpoints";

const REFRESH_MS = 5_000;

export function useTranscodeBudget(): TranscodeBudget | null {
  const [budget, setBudget] = useState<TranscodeBudget | null>(null);
  useEffect(() => {
    let stop = false;
    const load = () => {
      if (document.visibilityState !== "visible") return;
      api
        .transcodes()
        .then((b) => !stop && setBudget(b))
        .catch(() => {});
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    document.addEventListener("visibilitychange", load);
    return () => {
      stop = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", load);
    };
  }, []);
  return budget;
}
