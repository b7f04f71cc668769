// Camera edits at run time: the whole camera after an add or an update (with the RTMP publish key made
// for it, if any), or the id removed. Schemas only; the catalogue store folds them.
import { zCamera, zId } from "@cw/protocol";
import { z } from "zod";

const zCameraEdit = z.object({ camera: zCamera, publishKey: z.string().optional() });

export const catalogueEvents = {
  "camera.added": zCameraEdit,
  "camera.updated": zCameraEdit,
  "camera.removed": z.object({ id: zId }),
} as const;
