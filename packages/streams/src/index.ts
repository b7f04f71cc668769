// @cw/streams — the media plane. Re-exports only.

export * from "./gb/index";
export * from "./hls/index";
export * from "./media/types";
export * from "./registry/index";
export * from "./sources/index";
export * from "./transcode/index";
export * from "./ts/index";
