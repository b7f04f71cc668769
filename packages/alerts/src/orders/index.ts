// The orders domain (指令): re-exports only.
export { inScope, lookupTarget, type OrderActContext, type OrdersDomain, type TargetLookup } from "./access";
export {
  type Receiver,
  type UnitKind,
  unitKinds,
  zOrderDeliveredEvent,
  zOrderFeedbackEvent,
  zOrderIssuedEvent,
  zOrderRemindedEvent,
  zOrderSignedEvent,
  zReceiver,
  zUnitKind,
} from "./events";
export { ORDER_IMAGE_MAX_BYTES, orderImageProblem, zOrderImage } from "./image";
export { decideIssue, type IssueContext, type Issued } from "./issue";
export {
  cloneOrdersState,
  emptyOrdersState,
  type FeedbackEntry,
  feedbackImageKey,
  findTarget,
  isComplete,
  isOverdue,
  type Order,
  type OrdersState,
  type OrderTarget,
  type TrailEntry,
  targetSubject,
} from "./order";
export { type Delivered, decideDelivered, decideFeedback, decideSign, type FedBack, type Signed } from "./receipt";
export { applyOrderEvent } from "./reduce";
export { decideRemind, laggards, type Reminded } from "./remind";
export {
  FEEDBACK_TEXT_MAX,
  ORDER_BODY_MAX,
  ORDER_NOTE_MAX,
  ORDER_TARGETS_MAX,
  ORDER_TITLE_MAX,
  type OrderCategory,
  type OrderCompose,
  type OrderComposeInput,
  type OrderFeedback,
  type OrderFeedbackInput,
  type OrderPriority,
  type OrderQuery,
  type OrderRemind,
  type OrderSign,
  type OrderStatus,
  type OrderTemplate,
  type OrderTemplateInput,
  orderCategories,
  orderFromTemplate,
  orderPriorities,
  orderStatuses,
  PROVINCE,
  zOrderCategory,
  zOrderCompose,
  zOrderFeedback,
  zOrderPriority,
  zOrderQuery,
  zOrderRemind,
  zOrderSign,
  zOrderStatus,
  zOrderTemplate,
} from "./schemas";
export {
  feedbackImage,
  type OrderListQuery,
  type OrderSummary,
  orderAttachment,
  orderStatus,
  type ReceiptTotals,
  receiptTotals,
  scopeOrder,
  selectOrders,
  summarize,
  undeliveredFor,
} from "./select";
export { expandTargets, type OrgTree, type OrgUnit, unitIndex } from "./targets";
export {
  type OrderHeader,
  type OrderView,
  orderView,
  type ReceiptRow,
  receiptRow,
  type TargetState,
  targetStateAt,
  targetStates,
} from "./view";
