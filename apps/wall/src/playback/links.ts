// Links into the playback page, for pages that open it (the duty console at an alarm's time).
/** How far before an alarm its playback opens: the lead-up is what the duty officer wants to see. */
export const ALARM_LEAD_MS = 10_000;

export const playbackPath = (cameras: readonly string[], at: number): string =>
  `/playback?cameras=${cameras.map(encodeURIComponent).join(",")}&t=${Math.round(at)}`;
