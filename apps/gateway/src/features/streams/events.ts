// The streams' event: a view started (the first playlist request of a play URL), for the audit trail.
import { zViewStarted } from "@cw/protocol";

export const streamEvents = {
  "view.started": zViewStarted,
} as const;
