// The gateway's logger: JSON lines (pino) on stdout. Owns nothing else; never logs secrets
// (passwords, session ids, publish keys, HLS tokens are redacted).
import { type Logger, pino } from "pino";

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { app: "gateway" },
    redact: {
      paths: [
        "password",
        "*.password",
        "req.headers.cookie",
        "headers.cookie",
        "publishKey",
        "*.publishKey",
        "upperFeedKey",
        "*.upperFeedKey",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
