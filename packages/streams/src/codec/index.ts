// Codec header parsers (re-exports only).
export * from "./aac";
export * from "./avc";
export * from "./hevc";
export * from "./records";
export * from "./tracks";
