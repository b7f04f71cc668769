// fMP4 (CMAF) writers (re-exports only).
export * from "./fragment";
export * from "./init";
