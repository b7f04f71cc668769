// The on-demand stream registry (re-exports only).
export type { RegistryLog, RegistryOptions, TranscodeHooks } from "./options";
export { createStreamRegistry } from "./registry";
