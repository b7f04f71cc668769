// The daily inspection domain: draw, record, findings and rectification, coverage. Re-exports only.
export * from "./bytes";
export * from "./checklist";
export * from "./coverage";
export * from "./dates";
export * from "./decideDraw";
export * from "./decideRecord";
export * from "./draw";
export * from "./eligibility";
export * from "./events";
export * from "./facts";
export * from "./history";
export * from "./rectification";
export * from "./rules";
export * from "./sha256";
export * from "./state";
export * from "./verify";
