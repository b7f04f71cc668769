// The gateway's GB/T 28181 service: follows what devices say (registration, keepalive, info, catalogue,
// alarms) and what commanders decide (password, prison, mapping), keeps each device's channels, turns an
// assigned device's catalogue into cameras of its prison (camera.added / camera.updated events, so GB
// cameras are cameras like any other), sends device alarms through the same decider as the signed feeds,
// and logs what matters for the audit (online/offline, settings, PTZ, blocked guessing — never a password).
// Owns the device table; the SIP server, settings file and log are injected.

import { type Actor, type AlarmType, userActor } from "@cw/alerts";
import type { CatalogItem, GbEvent, GbServer, PtzAction } from "@cw/gb28181";
import { type Camera, fail, type Result, type TreeNode } from "@cw/protocol";
import type { GatewayEvent } from "../events/map";
import type { AddOnCore } from "../gateway";
import type { Logger } from "../log";
import { cameraIdOf, type Mapping, type PrisonShape, placeChannels } from "./mapping";
import { camerasLostWithDevice, offlineLossAlarm } from "./offlineLoss";
import type { DeviceSettings, GbSettings } from "./settings";

/** Catalogue queries asked again after an incomplete answer before settling for what arrived. */
const CATALOG_RETRIES = 2;
export interface DeviceRuntime {
  deviceId: string;
  kind: "device" | "platform";
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  transport: "udp" | "tcp" | null;
  remoteAddress: string | null;
  online: boolean;
  lastKeepaliveAt: number | null;
  channels: Map<string, CatalogItem>;
  catalogAt: number | null;
  /** Catalogue queries asked again after an incomplete answer, since the last complete one. */
  catalogRetries: number;
}

/** GB alarm method/type (GB/T 28181-2016 A.2.6.8) → our alarm type. */
export function alarmTypeOf(method: number | null, type: number | null): AlarmType {
  if (method === 2 && type === 1) return "video_loss";
  if (method === 2 && type === 2) return "video_tamper";
  if (method === 5 && (type === 5 || type === 6)) return "perimeter_intrusion";
  if (method === 6) return "device_fault";
  return "other";
}

export class GbService {
  private readonly devices = new Map<string, DeviceRuntime>();

  constructor(
    private readonly core: AddOnCore,
    private readonly server: GbServer,
    private readonly settings: GbSettings,
    private readonly log: Logger,
    /** Cameras with a running stream (someone watches them): their loss is stream health's to report. */
    private readonly watched: () => ReadonlySet<string> = () => new Set(),
  ) {
    for (const id of settings.known()) this.runtime(id);
    server.onEvent((e) => void this.onEvent(e).catch((err: unknown) => log.error({ err }, "GB event handling failed")));
  }

  list(): DeviceRuntime[] {
    return [...this.devices.values()];
  }

  get(deviceId: string): DeviceRuntime | undefined {
    return this.devices.get(deviceId);
  }

  settingsOf(deviceId: string): DeviceSettings {
    return this.settings.get(deviceId);
  }

  /** `username`: the commander who changed it. */
  async update(deviceId: string, patch: DeviceSettings, username: string): Promise<Result<DeviceRuntime>> {
    const actor = userActor(username);
    const prisonId = patch.prisonId === undefined ? this.settings.get(deviceId).prisonId : patch.prisonId;
    if (patch.prisonId && !this.core.catalogue.prison(patch.prisonId))
      return fail("validation", `no prison ${patch.prisonId}`, "prisonId");
    if (patch.mapping) {
      if (!prisonId)
        return fail("validation", "assign the device to a prison before mapping its organisations", "mapping");
      const shape = this.shape(prisonId);
      for (const [org, place] of Object.entries(patch.mapping)) {
        const block = shape.blocks.find((b) => b.id === place.blockId);
        if (place.blockId !== null && !block)
          return fail("validation", `no block ${place.blockId} in prison ${prisonId}`, `mapping.${org}.blockId`);
        if (place.subBlockId !== null && !block?.subBlocks.some((s) => s.id === place.subBlockId))
          return fail(
            "validation",
            `no sub-block ${place.subBlockId} in block ${place.blockId}`,
            `mapping.${org}.subBlockId`,
          );
      }
    }
    await this.settings.set(deviceId, patch);
    const rt = this.runtime(deviceId);
    this.reportLinks();
    await this.core.commit([
      {
        type: "gb.device.updated",
        actor,
        data: {
          deviceId,
          passwordChanged: patch.password !== undefined,
          ...(patch.prisonId !== undefined ? { prisonId: patch.prisonId } : {}),
          ...(patch.mapping !== undefined ? { mapping: patch.mapping } : {}),
        },
      },
    ]);
    await this.sync(deviceId, actor, patch.mapping !== undefined || patch.prisonId !== undefined);
    return { ok: true, value: rt };
  }

  /**
   * GB_DEVICE_PRISONS: each listed device assigned to its prison (logged as the system's change) unless it
   * already is; an unknown prison stops the start with a message naming it.
   */
  async assignConfigured(prisons: Record<string, string>): Promise<void> {
    for (const [deviceId, prisonId] of Object.entries(prisons)) {
      if (!this.core.catalogue.prison(prisonId))
        throw new Error(`GB_DEVICE_PRISONS: no prison ${prisonId} in the catalogue (for device ${deviceId})`);
      if (this.settings.get(deviceId).prisonId === prisonId) {
        this.runtime(deviceId);
        continue;
      }
      await this.settings.set(deviceId, { prisonId });
      this.runtime(deviceId);
      await this.core.commit([
        { type: "gb.device.updated", actor: "system:gb", data: { deviceId, passwordChanged: false, prisonId } },
      ]);
    }
    this.reportLinks();
  }

  /** The device table, folded into each edge prison's link (the overview's map, tree and dashboards). */
  private reportLinks(): void {
    this.core.links.report(
      this.list().map((rt) => ({
        kind: rt.kind,
        online: rt.online,
        prisonId: this.settings.get(rt.deviceId).prisonId ?? null,
      })),
    );
  }

  /** Asks the device for its catalogue again (and its info); the answer arrives as events. */
  requery(deviceId: string): Result<true> {
    const rt = this.devices.get(deviceId);
    if (!rt) return fail("not_found", `no GB device ${deviceId}`, "deviceId");
    if (!rt.online) return fail("conflict", `device ${deviceId} is offline`, "deviceId");
    this.server.query(deviceId, "DeviceInfo");
    this.server.query(deviceId, "Catalog");
    return { ok: true, value: true };
  }

  async ptz(
    camera: Camera,
    action: PtzAction,
    speed: number | undefined,
    preset: number | undefined,
    actor: Actor,
  ): Promise<Result<true>> {
    if (camera.source.kind !== "gb28181")
      return fail("validation", `camera ${camera.id} is not a GB/T 28181 camera`, "id");
    if (camera.ptz === false) return fail("validation", `camera ${camera.id} does not pan, tilt or zoom`, "id");
    const { deviceId, channelId } = camera.source;
    if (!this.devices.get(deviceId)?.online) return fail("conflict", `device ${deviceId} is offline`, "id");
    this.server.ptz(deviceId, channelId, action, speed, preset);
    await this.core.commit([
      {
        type: "gb.ptz",
        actor,
        data: { cameraId: camera.id, deviceId, channelId, action, speed: speed ?? null, preset: preset ?? null },
      },
    ]);
    return { ok: true, value: true };
  }

  private runtime(deviceId: string): DeviceRuntime {
    let rt = this.devices.get(deviceId);
    if (!rt) {
      rt = {
        deviceId,
        kind: deviceId.slice(10, 13) === "200" ? "platform" : "device",
        name: null,
        manufacturer: null,
        model: null,
        firmware: null,
        transport: null,
        remoteAddress: null,
        online: false,
        lastKeepaliveAt: null,
        channels: new Map(),
        catalogAt: null,
        catalogRetries: 0,
      };
      this.devices.set(deviceId, rt);
    }
    return rt;
  }

  private async onEvent(e: GbEvent): Promise<void> {
    const system = (id: string): Actor => `system:gb:${id}`;
    switch (e.type) {
      case "registered": {
        const rt = this.runtime(e.deviceId);
        rt.kind = e.kind;
        rt.transport = e.remote.transport;
        rt.remoteAddress = `${e.remote.address}:${e.remote.port}`;
        this.reportLinks();
        return;
      }
      case "online": {
        this.runtime(e.deviceId).online = true;
        this.reportLinks();
        await this.core.commit([
          { type: "gb.device.online", actor: system(e.deviceId), data: { deviceId: e.deviceId } },
        ]);
        if (this.runtime(e.deviceId).kind === "platform") await this.linkUp(e.deviceId);
        this.server.query(e.deviceId, "DeviceInfo");
        this.server.query(e.deviceId, "Catalog");
        this.server.subscribeCatalog(e.deviceId);
        return;
      }
      case "offline": {
        this.runtime(e.deviceId).online = false;
        this.reportLinks();
        await this.core.commit([
          { type: "gb.device.offline", actor: system(e.deviceId), data: { deviceId: e.deviceId, reason: e.reason } },
        ]);
        if (this.runtime(e.deviceId).kind === "platform") await this.linkDown(e.deviceId, e.reason);
        else await this.importantLost(e.deviceId);
        return;
      }
      case "keepalive": {
        const rt = this.runtime(e.deviceId);
        rt.lastKeepaliveAt = e.at;
        rt.remoteAddress = `${e.remote.address}:${e.remote.port}`;
        return;
      }
      case "deviceInfo": {
        const rt = this.runtime(e.deviceId);
        rt.name = e.info.DeviceName ?? rt.name;
        rt.manufacturer = e.info.Manufacturer ?? rt.manufacturer;
        rt.model = e.info.Model ?? rt.model;
        rt.firmware = e.info.Firmware ?? rt.firmware;
        return;
      }
      case "catalog": {
        const rt = this.runtime(e.deviceId);
        // An incomplete answer cannot say which channels are gone: what arrived is merged (a NOTIFY's
        // additions meanwhile stay); only a complete one replaces the list.
        if (e.complete) rt.channels = new Map(e.items.map((i) => [i.DeviceID, i]));
        else for (const i of e.items) rt.channels.set(i.DeviceID, i);
        rt.catalogAt = this.core.now();
        if (e.complete) rt.catalogRetries = 0;
        else {
          // Pages lost for good (the device gave up resending) or an answer cut short: ask again, twice.
          const retry = rt.online && rt.catalogRetries < CATALOG_RETRIES;
          if (retry) rt.catalogRetries += 1;
          this.log.warn(
            { device: e.deviceId, got: e.items.length, sumNum: e.sumNum, askingAgain: retry },
            "GB catalogue incomplete",
          );
          if (retry) this.server.query(e.deviceId, "Catalog");
        }
        await this.sync(e.deviceId, system(e.deviceId), false);
        return;
      }
      case "catalogNotify": {
        const rt = this.runtime(e.deviceId);
        for (const item of e.items) {
          if (item.Event === "DEL") rt.channels.delete(item.DeviceID);
          else rt.channels.set(item.DeviceID, { ...rt.channels.get(item.DeviceID), ...item });
        }
        await this.sync(e.deviceId, system(e.deviceId), false);
        return;
      }
      case "alarm":
        await this.alarm(e.alarm);
        return;
      case "authFailed":
        if (e.blocked) {
          this.log.warn(
            { device: e.deviceId, address: e.address },
            "GB registration blocked after repeated wrong passwords",
          );
          await this.core.commit([
            { type: "gb.auth.blocked", actor: system(e.deviceId), data: { deviceId: e.deviceId, address: e.address } },
          ]);
        }
        return;
      default:
        return;
    }
  }

  /**
   * A lower platform assigned to a prison (an edge) went offline: the link to that prison is down — one
   * device-fault alarm for the prison (链路中断), not one per camera; its cameras are offline through the
   * device being offline (their plays fail with "the device is offline").
   */
  private async linkDown(deviceId: string, reason: string): Promise<void> {
    const prisonId = this.settings.get(deviceId).prisonId;
    if (!prisonId) return;
    const at = this.core.now();
    const r = await this.core.control.commands.feedAlarm(prisonId, {
      sourceId: `gb-link:${deviceId}:${at}`,
      type: "device_fault",
      severity: 2,
      occurredAt: at,
      blockId: null,
      subBlockId: null,
      cameraId: null,
      title: "链路中断",
      description: `link down: the prison's platform ${deviceId} stopped answering (${reason})`,
    });
    if (!r.ok) this.log.warn({ device: deviceId, error: r.error }, "GB link-down alarm refused");
  }

  /**
   * The edge is back: its open 链路中断 alarms are resolved by the system (disposition `handled`, the note
   * says when the link returned) — the cause is gone, and what the edge queued meanwhile arrives as alarms of
   * their own. Found through the alarms' sources, so an alarm raised before a restart of this gateway is
   * resolved too.
   */
  private async linkUp(deviceId: string): Promise<void> {
    const prisonId = this.settings.get(deviceId).prisonId;
    if (!prisonId) return;
    const { control } = this.core;
    const alarms = control.ctx.state.alarms;
    const prefix = `${prisonId}\u0000gb-link:${deviceId}:`;
    const open = Object.entries(alarms.bySource)
      .filter(([key, id]) => key.startsWith(prefix) && ["open", "acknowledged"].includes(alarms.byId[id]?.state ?? ""))
      .map(([, id]) => id);
    const note = `链路恢复 link restored at ${new Date(this.core.now()).toISOString()}`;
    for (const id of open) {
      const r = await control.commands.resolve(id, { disposition: "handled", note }, `system:gb:${deviceId}`, null);
      if (!r.ok) this.log.warn({ device: deviceId, alarm: id, error: r.error }, "GB link-up resolve refused");
    }
  }

  /** The device went offline: a video-loss alarm for each of its important cameras nobody is watching. */
  private async importantLost(deviceId: string): Promise<void> {
    const at = this.core.now();
    const severity = this.core.control.ctx.policy.alarms.videoLossSeverity;
    for (const camera of camerasLostWithDevice(this.core.catalogue.cameras(), deviceId, this.watched())) {
      const r = await this.core.control.commands.feedAlarm(camera.prisonId, offlineLossAlarm(camera, at, severity));
      if (!r.ok) this.log.warn({ camera: camera.id, error: r.error }, "GB offline video-loss alarm refused");
    }
  }

  /** A device alarm → the feed decider of the device's prison, with the camera attached when known. */
  private async alarm(a: Extract<GbEvent, { type: "alarm" }>["alarm"]): Promise<void> {
    const camera = this.core.catalogue.camera(cameraIdOf(a.deviceId));
    const owner =
      camera?.source.kind === "gb28181"
        ? camera.source.deviceId
        : [...this.devices.values()].find((d) => d.channels.has(a.deviceId) || d.deviceId === a.deviceId)?.deviceId;
    const prisonId = camera?.prisonId ?? (owner ? this.settings.get(owner).prisonId : null);
    if (!prisonId) {
      this.log.warn({ channel: a.deviceId }, "GB alarm from a device not assigned to a prison: dropped");
      return;
    }
    const type = alarmTypeOf(a.method, a.alarmType);
    const severity = a.priority !== null && a.priority >= 1 && a.priority <= 4 ? a.priority : 3;
    const occurredAt = parseGbTime(a.time, this.core.config.rollcalls.tzOffsetMin) ?? this.core.now();
    const r = await this.core.control.commands.feedAlarm(prisonId, {
      sourceId: `gb:${a.deviceId}:${a.method ?? 0}:${a.alarmType ?? 0}:${occurredAt}`,
      type,
      severity,
      occurredAt: Math.min(occurredAt, this.core.now()),
      blockId: camera?.blockId ?? null,
      subBlockId: camera?.subBlockId ?? null,
      cameraId: camera?.id ?? null,
      title: (a.description ?? `GB/T 28181 ${type}`).slice(0, 200),
      description: `GB/T 28181 alarm from ${a.deviceId} (method ${a.method ?? "?"}, type ${a.alarmType ?? "?"})`,
    });
    if (!r.ok) this.log.warn({ channel: a.deviceId, error: r.error }, "GB alarm refused by the alarm decider");
  }

  /** The prison's blocks and sub-blocks, read from the catalogue tree. */
  private shape(prisonId: string): PrisonShape {
    const prison = this.core.catalogue.tree(prisonId).children[0];
    const kids = (n: TreeNode | undefined, kind: TreeNode["kind"]) =>
      (n?.children ?? []).filter((c) => c.kind === kind);
    return {
      name: prison?.name ?? "",
      blocks: kids(prison, "block").map((b) => ({
        id: b.id,
        name: b.name,
        subBlocks: kids(b, "subBlock").map((s) => ({ id: s.id, name: s.name })),
      })),
    };
  }

  /**
   * The device's channels as cameras of its prison: new ones added where the mapping puts them; existing
   * ones renamed, and re-placed only when the prison or mapping changed (a commander's move by hand is
   * kept otherwise). Channels that left the catalogue stay (a device may list partially while it boots).
   */
  private async sync(deviceId: string, actor: Actor, replace: boolean): Promise<void> {
    const rt = this.devices.get(deviceId);
    const { prisonId, mapping } = this.settings.get(deviceId);
    if (!rt || !prisonId) return;
    const placements = placeChannels([...rt.channels.values()], this.shape(prisonId), (mapping ?? {}) as Mapping, {
      id: deviceId,
      name: rt.name,
    });
    const events: GatewayEvent[] = [];
    for (const p of placements) {
      const existing = this.core.catalogue.camera(p.cameraId);
      const source = { kind: "gb28181" as const, deviceId, channelId: p.channelId };
      const fresh: Camera = {
        id: p.cameraId,
        name: p.name,
        kind: p.kind,
        prisonId,
        blockId: p.blockId,
        subBlockId: p.subBlockId,
        source,
        codec: "h264",
        hasSubStream: false,
        ptz: p.ptz,
        unplaced: p.unplaced,
      };
      if (!existing) events.push({ type: "camera.added", actor, data: { camera: fresh } });
      else if (existing.prisonId !== prisonId) {
        events.push(
          { type: "camera.removed", actor, data: { id: p.cameraId } },
          { type: "camera.added", actor, data: { camera: fresh } },
        );
      } else {
        // A camera still at the prison's level learns whether it waits there (records older than `unplaced`).
        const unplaced = existing.blockId === null ? (existing.unplaced ?? p.unplaced) : false;
        const placed = replace
          ? { blockId: p.blockId, subBlockId: p.subBlockId, unplaced: p.unplaced }
          : { blockId: existing.blockId, subBlockId: existing.subBlockId, unplaced };
        const next: Camera = { ...existing, name: p.name, source, ptz: p.ptz, ...placed };
        if (JSON.stringify(next) !== JSON.stringify(existing))
          events.push({ type: "camera.updated", actor, data: { camera: next } });
      }
    }
    if (events.length > 0) await this.core.commit(events);
  }
}

/** GB times are local, without offset: "2026-01-02T03:04:05". */
function parseGbTime(s: string | null, tzOffsetMin: number): number | null {
  if (!s || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(s)) return null;
  const ms = Date.parse(`${s.slice(0, 19)}Z`);
  return Number.isFinite(ms) ? ms - tzOffsetMin * 60_000 : null;
}
