// The MANSCDP messages the upper platform sends: Query (Catalog, DeviceInfo, DeviceStatus), the catalogue
// subscription body, DeviceControl with a PTZCmd or an IFameCmd, and the response to an alarm. Bodies only; the SIP
// envelope is the dialog layer's.
import { buildXml } from "./xml";

export type QueryCmd = "Catalog" | "DeviceInfo" | "DeviceStatus";

export function queryBody(cmd: QueryCmd, sn: number, deviceId: string): Buffer {
  return buildXml("Query", { CmdType: cmd, SN: sn, DeviceID: deviceId });
}

export function ptzControlBody(sn: number, channelId: string, ptzCmd: string): Buffer {
  return buildXml("Control", {
    CmdType: "DeviceControl",
    SN: sn,
    DeviceID: channelId,
    PTZCmd: ptzCmd,
    Info: { ControlPriority: 5 },
  });
}

/** Asks a channel's encoder for a key frame now (强制关键帧, A.2.3.1: the standard spells it IFameCmd). */
export function keyFrameControlBody(sn: number, channelId: string): Buffer {
  return buildXml("Control", { CmdType: "DeviceControl", SN: sn, DeviceID: channelId, IFameCmd: "Send" });
}

/** Acknowledges an alarm notify (A.2.6.2): the device stops repeating it. */
export function alarmResponseBody(sn: number, deviceId: string): Buffer {
  return buildXml("Response", { CmdType: "Alarm", SN: sn, DeviceID: deviceId, Result: "OK" });
}
