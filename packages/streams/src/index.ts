// @cw/streams — the media plane. Re-exports only.
export * from "./media/types";
export * from "./hls/index";
export * from "./registry/index";
export * from "./sources/index";
