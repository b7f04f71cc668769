// GB/T 28181 media on the receiving side. Re-exports only.

export type { MediaListenerOptions, MediaListenerStats, MediaMode } from "./media-listener";
export { MediaListener } from "./media-listener";
export { PortPool } from "./port-pool";
export type { RtpPayload, RtpPsReceiverOptions, RtpPsStats } from "./rtp-ps-receiver";
export { RtpPsReceiver } from "./rtp-ps-receiver";
