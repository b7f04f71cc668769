// Figures, reports and map status as pure functions of the event log (the overview issue).
export {
  addContribution,
  type Buckets,
  bumpCounter,
  type Contribution,
  type Counters,
  cloneBuckets,
  eachBucket,
  hourLabel,
  hourOf,
} from "./counters";
export { CSV_BOM, type CsvLabels, csvField, toCsv } from "./csv";
export {
  type AlarmFact,
  alarmContribution,
  alarmLiveContribution,
  type FindingFact,
  findingContribution,
  type InspectionFact,
  inspectionContribution,
  type ObligationFact,
  obligationContribution,
  type Placed,
  type ReceiverFact,
  receiverContribution,
  receiverLiveContribution,
  type SlotFact,
  slotContribution,
} from "./facts";
export { type FigureOptions, figures } from "./figures";
export { type PeriodWindow, periodWindow, previousPeriod } from "./period";
export { type FigureWindow, readFigures } from "./read";
export { applyFigures, foldFigures, reduceFigures } from "./reduce";
export { REPORT_PROVINCE, type ReportOptions, report, reportFrom, reportMetrics } from "./report";
export {
  type BlockHeadcount,
  cloneFigures,
  emptyFigures,
  type FiguresConfig,
  type FiguresState,
  type OpenDeadline,
} from "./state";
export { headcounts, levelOf, prisonStatuses, redNow } from "./status";
