// The GB/T 28181 API (docs/api/gb28181.md): GET /api/v1/gb/devices, GET/PUT /api/v1/gb/devices/{deviceId},
// POST /api/v1/gb/devices/{deviceId}/catalog (gb.devices: commanders) and POST /api/v1/cameras/{id}/ptz
// (cameras.ptz: commanders and the chief). Bodies validated with zod; errors as 4xx JSON. A device's
// password is write-only: no answer ever carries it.
import { userActor } from "@cw/alerts";
import {
  AppError,
  type GbDevice,
  type GbDeviceDetail,
  isUnplaced,
  parseWith,
  zGbDeviceUpdate,
  zPtzCommand,
} from "@cw/protocol";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../auth/guard";
import type { AddOnCore } from "../gateway";
import { requireSession } from "../http/auth";
import { orThrow } from "../http/errors";
import { cameraIdOf, isCameraChannel, isPtzChannel } from "./mapping";
import type { DeviceRuntime, GbService } from "./service";
import { zGbId } from "./settings";

function summary(gb: GbService, d: DeviceRuntime): GbDevice {
  return {
    deviceId: d.deviceId,
    name: d.name ?? d.deviceId,
    kind: d.kind,
    manufacturer: d.manufacturer,
    model: d.model,
    transport: d.transport,
    remoteAddress: d.remoteAddress,
    online: d.online,
    lastKeepaliveAt: d.lastKeepaliveAt,
    channelCount: [...d.channels.values()].filter(isCameraChannel).length,
    prisonId: gb.settingsOf(d.deviceId).prisonId ?? null,
  };
}

function detail(gb: GbService, ctx: { core: AddOnCore }, d: DeviceRuntime): GbDeviceDetail {
  const s = gb.settingsOf(d.deviceId);
  return {
    ...summary(gb, d),
    firmware: d.firmware,
    catalogAt: d.catalogAt,
    hasOwnPassword: s.password !== undefined,
    mapping: s.mapping ?? {},
    channels: [...d.channels.values()].map((c) => {
      const camera = ctx.core.catalogue.camera(cameraIdOf(c.DeviceID));
      return {
        channelId: c.DeviceID,
        name: c.Name ?? c.DeviceID,
        parentId: c.ParentID ?? null,
        type: c.DeviceID.slice(10, 13),
        status: c.Status ?? null,
        ptz: isPtzChannel(c),
        cameraId: camera ? camera.id : null,
        blockId: camera?.blockId ?? null,
        subBlockId: camera?.subBlockId ?? null,
        unplaced: camera !== undefined && isUnplaced(camera),
      };
    }),
  };
}

export function gbRoutes(gb: GbService) {
  return (app: FastifyInstance, core: AddOnCore): void => {
    const ctx = { core };
    const device = (id: string): DeviceRuntime => {
      if (!zGbId.safeParse(id).success) throw new AppError("validation", "deviceId: up to 32 digits", "deviceId");
      const d = gb.get(id);
      if (!d) throw new AppError("not_found", `no GB device ${id}`, "deviceId");
      return d;
    };

    app.get("/api/v1/gb/devices", async (req) => {
      requireCan(requireSession(req), "gb.devices");
      return { devices: gb.list().map((d) => summary(gb, d)) };
    });

    app.get<{ Params: { deviceId: string } }>("/api/v1/gb/devices/:deviceId", async (req) => {
      requireCan(requireSession(req), "gb.devices");
      return detail(gb, ctx, device(req.params.deviceId));
    });

    app.put<{ Params: { deviceId: string } }>("/api/v1/gb/devices/:deviceId", async (req) => {
      const session = requireSession(req);
      requireCan(session, "gb.devices");
      const id = req.params.deviceId;
      if (!zGbId.safeParse(id).success) throw new AppError("validation", "deviceId: up to 32 digits", "deviceId");
      const body = orThrow(parseWith(zGbDeviceUpdate, req.body));
      const d = orThrow(await gb.update(id, body, session.user.username));
      return detail(gb, ctx, d);
    });

    app.post<{ Params: { deviceId: string } }>("/api/v1/gb/devices/:deviceId/catalog", async (req, reply) => {
      requireCan(requireSession(req), "gb.devices");
      device(req.params.deviceId);
      orThrow(gb.requery(req.params.deviceId));
      return reply.code(202).send({ queried: true });
    });

    app.post<{ Params: { id: string } }>("/api/v1/cameras/:id/ptz", async (req, reply) => {
      const session = requireSession(req);
      requireCan(session, "cameras.ptz");
      const camera = ctx.core.catalogue.camera(req.params.id);
      if (!camera) throw new AppError("not_found", `no camera ${req.params.id}`, "id");
      ctx.core.access.require(session, camera);
      const body = orThrow(parseWith(zPtzCommand, req.body));
      orThrow(await gb.ptz(camera, body.action, body.speed, body.preset, userActor(session.user.username)));
      return reply.code(202).send({ sent: true });
    });
  };
}
