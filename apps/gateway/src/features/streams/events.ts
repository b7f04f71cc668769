// The streams' events: a view started (the first playlist request of a play URL) and ended (its URL went
// quiet), for the audit trail.
import { zViewEnded, zViewStarted } from "@cw/protocol";

export const streamEvents = {
  "view.started": zViewStarted,
  "view.ended": zViewEnded,
} as const;
