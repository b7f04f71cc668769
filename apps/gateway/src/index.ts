// @cw/gateway — re-exports only.

export { hashPassword, verifyPassword } from "./auth/password";
export { demoProvince } from "./catalogue/demo";
export { type Province, zProvince } from "./catalogue/model";
export { validateProvince } from "./catalogue/validate";
export { type Config, ConfigError, loadConfig, makeConfig, zConfig } from "./config";
export { type Core, openCore } from "./core";
export { openJournal } from "./eventlog/journal";
export type { EventLog, NewEvent, StoredEvent } from "./eventlog/types";
export { createGateway, type Gateway, type GatewayDeps, type MediaHooks, type MediaPlane } from "./gateway";
export { createLogger, type Logger } from "./log";
export { startGateway } from "./start";
