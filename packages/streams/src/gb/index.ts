// GB/T 28181 media: the receiving side and the sending side (an edge answering its upper). Re-exports only.

export type { MediaListenerOptions, MediaListenerStats, MediaMode } from "./media-listener";
export { MediaListener } from "./media-listener";
export { PortPool } from "./port-pool";
export type { PsRtpSenderOptions, PsRtpSenderStats } from "./ps-rtp-sender";
export { PsRtpSender } from "./ps-rtp-sender";
export type { RtpPayload, RtpPsReceiverOptions, RtpPsStats } from "./rtp-ps-receiver";
export { RtpPsReceiver } from "./rtp-ps-receiver";
