// @cw/gb28181 — GB/T 28181 upper platform: SIP, MANSCDP, SDP and the pure protocol core. Re-exports only.

export type { PlatformOptions } from "./core/platform";
export { Platform } from "./core/platform";
export type { Presence } from "./core/presence";
export type { PlayRequest } from "./core/sessions";
export type { AlarmReport, Endpoint, GbEvent, Outgoing, SipTransport, Step } from "./core/types";
export { idKind } from "./core/types";
export type { ControlResult, GbServerOptions, InviteResult, RecordsResult } from "./edge/server";
export { GbServer } from "./edge/server";
export type { TransportStats } from "./edge/transport";
export type { LowerAgentOptions, LowerEvent } from "./lower/agent";
export { LowerAgent } from "./lower/agent";
export type { CatalogEvent, LowerItem, UplinkAlarm } from "./lower/bodies";
export type { UplinkMediaAnswer, UplinkMediaHandler, UplinkMediaRequest } from "./lower/media";
export type { LowerUaOptions } from "./lower/ua";
export { LowerUa } from "./lower/ua";
export { fromGbTime, toGbTime } from "./manscdp/gbTime";
export type { CatalogItem } from "./manscdp/messages";
export type { PtzAction, PtzDecoded } from "./manscdp/ptz";
export { parsePtzCmd, ptzBytes, ptzCmd } from "./manscdp/ptz";
export { clipSpans, type Span as RecordSpan } from "./manscdp/recordInfo";
export {
  isScale,
  MANSRTSP,
  mansrtspBody,
  type PlaybackControl,
  parseMansrtsp,
  SCALES,
  type Scale,
} from "./mansrtsp/control";
export { type AnswerMedia, answerMedia } from "./sdp/payload";
export type { Answer, MediaTransport } from "./sdp/sdp";
export { buildOffer, parseAnswer, psPayloadType } from "./sdp/sdp";
export { SipStreamFramer } from "./sip/framing";
export type { SipMessage, SipRequest, SipResponse } from "./sip/message";
export { parseSip, serializeSip } from "./sip/message";
