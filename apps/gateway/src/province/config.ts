// The province part of the gateway config (docs/api/config.md, docs/api/province.md): the gateway's role —
// `standalone` (one gateway for everything, as before), `edge` (one prison: its cameras, operators and log,
// registered upward as a GB/T 28181 lower platform) or `bureau` (the province above its edges) — and, for
// an edge, the prison it serves and its upper platform. Schemas only; config.ts merges them, the edge
// (province/edge.ts) checks that an edge has what it needs.
import { z } from "zod";

export const provinceConfigShape = {
  /** standalone | edge | bureau (GATEWAY_ROLE). */
  gatewayRole: z.enum(["standalone", "edge", "bureau"]).default("standalone"),
  /** The one prison an edge serves; it loads only that prison of its catalogue (EDGE_PRISON_ID). */
  edgePrisonId: z.string().min(1).max(64).optional(),
  /** The edge's 20-digit GB id, type 200 in digits 11–13 (EDGE_GB_ID); default from the prison. */
  edgeGbId: z
    .string()
    .regex(/^\d{10}200\d{7}$/, "20 digits with 200 (a platform) in digits 11-13")
    .optional(),
  /** The upper platform: sip:<20-digit id>@<host>:<port> (UPPER_SIP_URI). */
  upperSipUri: z
    .string()
    .regex(/^sip:\d{20}@[^\s:;@]+:\d{1,5}$/, "like sip:34020000002000000001@10.0.0.5:5060")
    .optional(),
  /** The password the upper expects from this edge (UPPER_SIP_PASSWORD). */
  upperSipPassword: z.string().min(1).max(128).optional(),
  /** SIP transport to the upper: udp or tcp (UPPER_SIP_TRANSPORT). */
  upperSipTransport: z.enum(["udp", "tcp"]).default("udp"),
  /**
   * Keepalive interval to the upper, s (UPPER_KEEPALIVE_S). 1 s: the bureau takes 3 missed as a dead
   * link, so it sees one within ~3.25 s (under the 5 s the bureau must meet); a keepalive is one ~400-byte
   * datagram, 30 a second for 30 prisons — nothing for the bureau or the link.
   */
  upperKeepaliveS: z.coerce.number().positive().max(3600).default(1),
};

export const provinceEnvKeys = {
  GATEWAY_ROLE: "gatewayRole",
  EDGE_PRISON_ID: "edgePrisonId",
  EDGE_GB_ID: "edgeGbId",
  UPPER_SIP_URI: "upperSipUri",
  UPPER_SIP_PASSWORD: "upperSipPassword",
  UPPER_SIP_TRANSPORT: "upperSipTransport",
  UPPER_KEEPALIVE_S: "upperKeepaliveS",
} as const;
