// Camera groups in the log: a group saved whole (created or edited) or removed. Schemas only; the
// groups' state folds them (state.ts).
import { zCameraGroupInput, zId } from "@cw/protocol";
import { z } from "zod";

export const cameraGroupEvents = {
  "cameraGroup.saved": zCameraGroupInput.extend({ id: zId }),
  "cameraGroup.removed": z.object({ id: zId }).strict(),
} as const;
