// The gateway's wall endpoints as typed functions: output screens, tour controls on a screen, and
// presets. Every answer is validated with the shared protocol schemas; failures are HttpError.
import {
  type Preset,
  type PresetInput,
  type ScreenPut,
  type ScreenState,
  type TourControl,
  zPreset,
  zScreenState,
} from "@cw/protocol";
import { z } from "zod";
import { HttpError, request, requestParsed } from "../api/http";

const base = "/api/v1";
const screenPath = (n: number) => `${base}/wall/screens/${n}`;
const presetPath = (id: string) => `${base}/presets/${encodeURIComponent(id)}`;

export const wallApi = {
  screens: (): Promise<ScreenState[]> => requestParsed(z.array(zScreenState), `${base}/wall/screens`),
  screen: (n: number): Promise<ScreenState> => requestParsed(zScreenState, screenPath(n)),
  putScreen: (n: number, body: ScreenPut): Promise<ScreenState> =>
    requestParsed(zScreenState, screenPath(n), { method: "PUT", body }),
  tour: (n: number, control: TourControl): Promise<ScreenState> =>
    requestParsed(zScreenState, `${screenPath(n)}/tour`, { method: "POST", body: control }),
  presets: (): Promise<Preset[]> => requestParsed(z.array(zPreset), `${base}/presets`),
  createPreset: (input: PresetInput): Promise<Preset> =>
    requestParsed(zPreset, `${base}/presets`, { method: "POST", body: input }),
  deletePreset: async (id: string): Promise<void> => {
    await request(presetPath(id), { method: "DELETE" });
  },
};

export const isConflict = (err: unknown): boolean => err instanceof HttpError && err.status === 409;
