// The on-demand stream registry (re-exports only).
export type { RegistryLog, RegistryOptions } from "./options";
export { createStreamRegistry } from "./registry";
