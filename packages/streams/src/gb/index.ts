// GB/T 28181 media on the receiving side. Re-exports only.
export type { RtpPsReceiverOptions, RtpPsStats } from "./rtp-ps-receiver";
export { RtpPsReceiver } from "./rtp-ps-receiver";
