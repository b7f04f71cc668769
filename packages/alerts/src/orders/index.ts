// The orders domain (指令): re-exports only.
export * from "./access";
export * from "./events";
export * from "./image";
export * from "./issue";
export * from "./order";
export * from "./receipt";
export * from "./reduce";
export * from "./remind";
export * from "./schemas";
export * from "./select";
export * from "./targets";
export * from "./view";
