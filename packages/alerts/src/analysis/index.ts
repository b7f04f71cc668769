// Figures, reports and map status as pure functions of the event log (the overview issue).
export * from "./counters";
export * from "./csv";
export * from "./facts";
export * from "./figures";
export * from "./period";
export * from "./read";
export * from "./reduce";
export * from "./report";
export * from "./state";
export * from "./status";
