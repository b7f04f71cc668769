// The GB/T 28181 part of the gateway config (docs/api/gb28181.md): the SIP port and bind address, our
// 20-digit server id and 10-digit domain, the default device password, the media address written into
// SDP, the media port range and the keepalive interval. GB is off until GB_PASSWORD is set: no SIP port
// is opened for devices that could not authenticate anyway. Schemas only; config.ts merges them.
import { z } from "zod";

const zDigits = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`), `${n} digits`);

export const gbConfigShape = {
  /** SIP port for devices, UDP and TCP (GB_SIP_PORT). */
  gbSipPort: z.coerce.number().int().min(0).max(65535).default(5060),
  /** Address the SIP sockets bind to (GB_SIP_HOST); default HOST. */
  gbSipHost: z.string().min(1).optional(),
  /** Our SIP server id, 20 digits: centre code + 200 + serial (GB_SERVER_ID). */
  gbServerId: zDigits(20).default("34020000002000000001"),
  /** SIP domain, 10 digits: the first 10 of the server id by convention (GB_DOMAIN). */
  gbDomain: zDigits(10).default("3402000000"),
  /** Default device password; per-device ones are set through the API (GB_PASSWORD). Unset: GB off. */
  gbPassword: z.string().min(1).max(128).optional(),
  /** The address devices send media to, written into SDP (GB_MEDIA_IP); default the SIP bind address. */
  gbMediaIp: z.string().min(1).optional(),
  /** RTP port range, e.g. "30000-30999" (GB_MEDIA_PORTS). */
  gbMediaPorts: z
    .string()
    .regex(/^\d{4,5}-\d{4,5}$/, "a port range like 30000-30999")
    .default("30000-30999"),
  /** Expected keepalive interval, s; offline after 3 missed (GB_KEEPALIVE_S). */
  gbKeepaliveS: z.coerce.number().positive().max(3600).default(60),
  /**
   * Keepalive interval expected from lower platforms (ids with 200 in digits 11–13: our edges), s; offline
   * after 3 missed (GB_PLATFORM_KEEPALIVE_S). Default GB_KEEPALIVE_S; a bureau sets 1 to see a dead link
   * within 5 s without asking the same of every NVR.
   */
  gbPlatformKeepaliveS: z.coerce.number().positive().max(3600).optional(),
  /**
   * Devices and platforms assigned to a prison by configuration, `<gbId>=<prisonId>,…` (GB_DEVICE_PRISONS):
   * a bureau knows which edge serves which prison before it registers, so its cameras land with no one
   * at the API. A commander's later PUT /api/v1/gb/devices/{id} still wins until the next start.
   */
  gbDevicePrisons: z
    .preprocess(
      (v) =>
        typeof v === "string"
          ? Object.fromEntries(
              v
                .split(",")
                .map((p) => p.trim())
                .filter((p) => p !== "")
                .map((p) => p.split("=").map((x) => x.trim())),
            )
          : v,
      z.record(z.string().regex(/^\d{1,32}$/, "a GB id of up to 32 digits"), z.string().min(1).max(64)),
    )
    .default({}),
  /** Media transport of INVITEs: udp, tcp-passive or tcp-active (GB_MEDIA_TRANSPORT). */
  gbMediaTransport: z.enum(["udp", "tcp-passive", "tcp-active"]).default("udp"),
  /** No media this long after the answer = a failed play (GB_MEDIA_TIMEOUT_S). */
  gbMediaTimeoutS: z.coerce.number().positive().max(60).default(5),
};

export const gbEnvKeys = {
  GB_SIP_PORT: "gbSipPort",
  GB_SIP_HOST: "gbSipHost",
  GB_SERVER_ID: "gbServerId",
  GB_DOMAIN: "gbDomain",
  GB_PASSWORD: "gbPassword",
  GB_MEDIA_IP: "gbMediaIp",
  GB_MEDIA_PORTS: "gbMediaPorts",
  GB_KEEPALIVE_S: "gbKeepaliveS",
  GB_MEDIA_TRANSPORT: "gbMediaTransport",
  GB_PLATFORM_KEEPALIVE_S: "gbPlatformKeepaliveS",
  GB_DEVICE_PRISONS: "gbDevicePrisons",
  GB_MEDIA_TIMEOUT_S: "gbMediaTimeoutS",
} as const;
