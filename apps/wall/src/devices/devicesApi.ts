// The devices page's HTTP calls (GB/T 28181, docs/api/gb28181.md) and a camera's PTZ command, validated with
// the shared protocol schemas.
import {
  type GbDevice,
  type GbDeviceDetail,
  type GbDeviceUpdate,
  type PtzCommand,
  zGbDeviceDetail,
  zGbDeviceList,
} from "@cw/protocol";
import { request, requestParsed } from "../api/http";

const dev = (id: string) => `/api/v1/gb/devices/${encodeURIComponent(id)}`;

export const devicesApi = {
  list: async (): Promise<GbDevice[]> => (await requestParsed(zGbDeviceList, "/api/v1/gb/devices")).devices,
  detail: (id: string): Promise<GbDeviceDetail> => requestParsed(zGbDeviceDetail, dev(id)),
  update: (id: string, body: GbDeviceUpdate): Promise<GbDeviceDetail> =>
    requestParsed(zGbDeviceDetail, dev(id), { method: "PUT", body }),
  requery: async (id: string): Promise<void> => {
    await request(`${dev(id)}/catalog`, { method: "POST" });
  },
  ptz: async (cameraId: string, body: PtzCommand): Promise<void> => {
    await request(`/api/v1/cameras/${encodeURIComponent(cameraId)}/ptz`, { method: "POST", body });
  },
};
