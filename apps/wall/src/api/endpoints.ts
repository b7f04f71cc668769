// The gateway's HTTP API as typed functions, each validated with the shared protocol schemas.
import {
  type Camera,
  type CameraSearchAnswer,
  type CapabilityReport,
  columnsToTree,
  type IndexedTree,
  type Login,
  type PlayResponse,
  type SessionInfo,
  type StreamHealth,
  type TranscodeBudget,
  type Variant,
  zCamera,
  zCameraSearchAnswer,
  zPlayResponse,
  zSessionInfo,
  zStreamHealth,
  zTranscodeBudget,
  zTreeColumns,
} from "@cw/protocol";
import { z } from "zod";
import { sessionPath, treePath } from "./earlyRequests";
import { HttpError, request, requestParsed } from "./http";

const base = "/api/v1";

export const api = {
  login: (body: Login): Promise<SessionInfo> =>
    requestParsed(zSessionInfo, `${base}/session`, { method: "POST", body, isLogin: true }),
  // The same paths boot.ts may have asked for already (http.ts adopts those answers).
  session: (): Promise<SessionInfo> => requestParsed(zSessionInfo, sessionPath),
  logout: async (): Promise<void> => {
    await request(`${base}/session`, { method: "DELETE" });
  },
  /** The tree, indexed: asked for as columns (a flat schema; the nested one takes ~0.4 s for 15 000 cameras). */
  tree: async (): Promise<IndexedTree> => {
    const path = treePath;
    const tree = columnsToTree(await requestParsed(zTreeColumns, path));
    if (!tree.ok)
      throw new HttpError(502, { ...tree.error, message: `unexpected response from ${path}: ${tree.error.message}` });
    return tree.value;
  },
  cameras: (query: { q?: string; prisonId?: string } = {}): Promise<Camera[]> => {
    const qs = new URLSearchParams();
    if (query.q) qs.set("q", query.q);
    if (query.prisonId) qs.set("prisonId", query.prisonId);
    const suffix = qs.toString() === "" ? "" : `?${qs}`;
    return requestParsed(z.array(zCamera), `${base}/cameras${suffix}`);
  },
  /** The tree's search (server-side index, ranked, capped at `limit`). */
  cameraSearch: (q: string, signal?: AbortSignal, limit = 200): Promise<CameraSearchAnswer> =>
    requestParsed(
      zCameraSearchAnswer,
      `${base}/cameras/search?${new URLSearchParams({ q, limit: String(limit) })}`,
      signal ? { signal } : {},
    ),
  play: (
    cameraId: string,
    variant: Variant,
    signal?: AbortSignal,
    path: "passthrough" | "transcode" = "passthrough",
  ): Promise<PlayResponse> =>
    requestParsed(
      zPlayResponse,
      `${base}/cameras/${encodeURIComponent(cameraId)}/play?variant=${variant}&path=${path}`,
      signal ? { signal } : {},
    ),
  streams: (): Promise<StreamHealth[]> => requestParsed(z.array(zStreamHealth), `${base}/streams`),
  /** The transcode budget: slots used of TRANSCODE_MAX and the cameras holding them (console badge). */
  transcodes: (): Promise<TranscodeBudget> => requestParsed(zTranscodeBudget, `${base}/streams/transcodes`),
  /** What this PC decodes (player/codecSupport.ts), for the gateway's capability view. */
  reportCapabilities: async (report: CapabilityReport): Promise<void> => {
    await request(`${base}/capabilities`, { method: "POST", body: report });
  },
};
