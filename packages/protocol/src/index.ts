export * from "./audit";
export * from "./catalogue";
export * from "./errors";
export * from "./ids";
export * from "./live";
export * from "./session";
export * from "./streams";
export * from "./wall";
