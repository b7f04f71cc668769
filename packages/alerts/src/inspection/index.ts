// The daily inspection domain: draw, record, findings and rectification, coverage. Re-exports only.
export { fromHex, toHex, utf8 } from "./bytes";
export {
  type Checklist,
  type ChecklistInput,
  type ChecklistItem,
  type CheckResult,
  type CompleteInput,
  checkResults,
  defaultChecklist,
  type Rating,
  ratings,
  zCheckAnswer,
  zChecklist,
  zChecklistInput,
  zChecklistItem,
  zCheckResult,
  zCompleteInput,
  zRating,
} from "./checklist";
export {
  type BlockCoverage,
  type Coverage,
  coverage,
  heatMap,
  type InspectionSummary,
  inspectionHistory,
  inspectionsOn,
} from "./coverage";
export { addDays, dateRange, dayNumber, daysBetween, isDate, zDate } from "./dates";
export { type DrawContext, type DrawInputs, type Drawn, decideCommit, decideDraw, decideRedraw } from "./decideDraw";
export {
  type AdHocInput,
  decideAdHoc,
  decideChecklist,
  decideComplete,
  type RecordContext,
  zAdHocInput,
} from "./decideRecord";
export { canonicalEntry, computePick, type DrawPick, drawMessage, weightedIndex } from "./draw";
export {
  blockKey,
  compareKeys,
  type DrawHistory,
  type DrawMode,
  type Eligibility,
  type EligibleEntry,
  eligibleFor,
  weightOf,
} from "./eligibility";
export {
  zDrawMode,
  zEligibleEntry,
  zFindingRecorded,
  zFindingSeverity,
  zHex32,
  zInspectionAdHoc,
  zInspectionChecked,
  zInspectionCommitted,
  zInspectionCompleted,
  zInspectionDrawn,
  zInspectionRedrawn,
  zRectificationReviewed,
  zRectificationSubmitted,
} from "./events";
export { type BlockFacts, blockFacts } from "./facts";
export { historyAt, lastInspectedBefore, recentAlarmCounts } from "./history";
export {
  decideFinding,
  decideRectificationReport,
  decideRectificationReview,
  type FindingContext,
  type FindingInput,
  type RectificationReportInput,
  type RectificationReviewInput,
  zFindingInput,
  zRectificationReport,
  zRectificationReview,
} from "./rectification";
export {
  coverageBound,
  DRAW_RULES_VERSION,
  type DrawRules,
  defaultDrawRules,
  zDrawRules,
  zDrawRulesRecord,
} from "./rules";
export { hmacSha256, hmacSha256Hex, sha256, sha256Hex } from "./sha256";
export {
  applyInspectionEvent,
  type CommitmentRecord,
  cloneInspectionState,
  type DrawnRecord,
  drawInspectionId,
  emptyInspectionState,
  type Finding,
  foldInspections,
  type Inspection,
  type InspectionState,
  type Rectification,
  type RectificationState,
  type Redraw,
  rectificationSubject,
} from "./state";
export {
  type DayVerification,
  type LoggedEvent,
  type Verification,
  type VerifyCheck,
  type VerifyHistory,
  verifyDay,
  verifyDraw,
} from "./verify";
