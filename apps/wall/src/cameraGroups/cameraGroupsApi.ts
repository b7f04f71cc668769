// The camera groups' HTTP calls (admin; docs/api/http.md "Camera groups"), validated with the shared schemas.
import {
  type CameraGroup,
  type CameraGroupChoices,
  type CameraGroupInput,
  zCameraGroup,
  zCameraGroupChoices,
} from "@cw/protocol";
import { z } from "zod";
import { request, requestParsed } from "../api/http";

const base = "/api/v1/camera-groups";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const cameraGroupsApi = {
  list: (): Promise<CameraGroup[]> => requestParsed(z.array(zCameraGroup), base),
  choices: (): Promise<CameraGroupChoices> => requestParsed(zCameraGroupChoices, `${base}/choices`),
  create: (body: CameraGroupInput): Promise<CameraGroup> => requestParsed(zCameraGroup, base, { method: "POST", body }),
  update: (id: string, body: CameraGroupInput): Promise<CameraGroup> =>
    requestParsed(zCameraGroup, one(id), { method: "PUT", body }),
  remove: async (id: string): Promise<void> => {
    await request(one(id), { method: "DELETE" });
  },
};
