// @cw/gateway — re-exports only.

export { hashPassword, verifyPassword } from "./auth/password";
export { type Config, ConfigError, loadConfig, makeConfig, zConfig } from "./config";
export { type Core, openCore } from "./core";
export { openJournal } from "./eventlog/journal";
export type { EventLog, NewEvent, StoredEvent } from "./eventlog/types";
export { demoFeedKey, signFeed } from "./features/alarms/feeds/signature";
export { demoProvince } from "./features/catalogue/demo";
export { type Province, zProvince } from "./features/catalogue/model";
export { validateProvince } from "./features/catalogue/validate";
export { createGateway, type Gateway, type GatewayDeps, type MediaHooks, type MediaPlane } from "./gateway";
export { createLogger, type Logger } from "./log";
export { type JournalStats, writeAlarmJournal } from "./sim/alarmJournal";
export { mulberry32 } from "./sim/rng";
export { startGateway } from "./start";
