// The logging port the media sources write to. The gateway injects its pino logger (which fits this
// shape); sources never print to stdout themselves.
export interface Logger {
  info(o: object, m?: string): void;
  warn(o: object, m?: string): void;
  error?(o: object, m?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {} };
