// The actor of what the edge records on the bureau's word (an order pulled down, the bureau's handling of
// an alarm, a finding and its review): how the edge knows what came from above, so it is never sent back.
export const UPPER_ACTOR = "system:upper" as const;
