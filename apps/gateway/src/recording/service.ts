// Recording in the gateway: plans, the timeline, evidence and its export, decided here and appended to
// the log; the log's events drive the media side (RecordingService: what is recorded, what is
// protected). Every alarm with a camera whose footage is being recorded gets an evidence clip (pre- and
// post-roll from the camera's plan). Exports run one at a time. Owns no HTTP; answers errors as AppError
// with a code and a field, which the routes turn into 4xx JSON.

import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Actor } from "@cw/alerts";
import {
  AppError,
  type Camera,
  DEFAULT_POST_ROLL_S,
  DEFAULT_PRE_ROLL_S,
  defaultRecordingPlan,
  type Evidence,
  type EvidenceCreate,
  type ExportResponse,
  type PlanEntry,
  type PlanNode,
  type RecordingPlan,
  type RecordingsResponse,
} from "@cw/protocol";
import { exportClip, type MediaSource, type RecordingService, type SigningKey } from "@cw/recording";
import { shownActor } from "../events/actor";
import type { LoggedEvent } from "../events/map";
import type { RecordingCore } from "./core";
import type { DeviceFetch, DeviceRecordings } from "./device";
import { recordingEventTypes as T } from "./events";
import { exportUrl, type RecordingProjection } from "./projection";

export interface RecordingFeatureDeps {
  core: Pick<RecordingCore, "commit" | "now" | "catalogue" | "log">;
  projection: RecordingProjection;
  media: RecordingService;
  key: SigningKey;
  exportsDir: string;
  ffmpeg: string;
  /** The bureau's UTC offset: a watermark's times are written in it. */
  tzOffsetMin: number;
  /** The cameras' own recorders (GB NVRs), once GB runs: evidence of footage only they hold. */
  device?: () => DeviceRecordings | null;
}

/** The store key of a device clip's fetched footage: its own stream, never mixed with the camera's. */
export const deviceEvidenceKey = (evidenceId: string): string => `${evidenceId}.device`;

/** Protects a clip's footage from retention: the camera's span, or a device clip's whole stream. */
const protectedSpan = (ev: { id: string; cameraId: string; from: number; to: number; source?: string | undefined }) =>
  ev.source === "device"
    ? { key: deviceEvidenceKey(ev.id), from: 0, to: Number.MAX_SAFE_INTEGER }
    : { key: ev.cameraId, from: ev.from, to: ev.to };

/** A prison, block or sub-block a plan is set on, with the prison it belongs to. */
export interface ScopeNode {
  scope: "prison" | "block" | "subBlock";
  id: string;
  prisonId: string;
}

/** Camera facts the feature needs; the routes have already checked who may see the camera. */
export interface CameraRef {
  id: string;
  prisonId: string;
}

export class RecordingFeature {
  private exporting: Promise<unknown> = Promise.resolve();
  /** Device clips are fetched one at a time (each holds a media port and the device's attention). */
  private fetching: Promise<unknown> = Promise.resolve();

  /** The plan the media side last heard for each camera (JSON), so only changes reach it. */
  private readonly applied = new Map<string, string>();

  constructor(private readonly d: RecordingFeatureDeps) {
    // What the log already holds (folded by the core before we started) reaches the media side now.
    this.reconcile();
    for (const ev of d.projection.allEvidence()) this.protect(ev);
  }

  private protect(ev: { id: string; cameraId: string; from: number; to: number; source?: string | undefined }): void {
    const p = protectedSpan(ev);
    this.d.media.evidence.add(p.key, p.from, p.to);
  }

  /**
   * Device clips still pending from before a restart: their fetch died with the last process, so they
   * fail now with that reason (never an endless 取回中); the user marks the span again.
   */
  async failInterrupted(): Promise<void> {
    const stale = [...this.d.projection.allEvidence()].filter((ev) => ev.state === "pending");
    if (stale.length === 0) return;
    await this.d.core.commit(
      stale.map((ev) => ({
        type: T.evidenceFetched,
        actor: "system:recording" as const,
        data: {
          evidenceId: ev.id,
          cameraId: ev.cameraId,
          prisonId: ev.prisonId,
          ok: false,
          reason: "the gateway restarted while fetching it from the device: mark the span again",
        },
      })),
    );
  }

  /**
   * Tells the media side each camera's effective plan where it changed, after a plan on a prison, block
   * or sub-block (one pass over the catalogue: 15 000 cameras take a few ms).
   */
  private reconcile(): void {
    for (const camera of this.d.core.catalogue.cameras()) this.reconcileCamera(camera.id);
  }

  /**
   * One camera's effective plan to the media side, if it changed: after its own plan, or when it was
   * added, moved or removed (a catalogue sync of thousands of cameras is one lookup each, not a pass each).
   */
  private reconcileCamera(id: string): void {
    const camera = this.d.core.catalogue.camera(id);
    const effective = camera ? this.d.projection.effective(camera) : null;
    const json = effective === null || effective.from === null ? "" : JSON.stringify(effective.plan);
    if ((this.applied.get(id) ?? "") === json) return;
    if (json === "") this.applied.delete(id);
    else this.applied.set(id, json);
    void this.d.media.setPlan(id, camera ? effective!.plan : null);
  }

  get publicKeyPem(): string {
    return this.d.key.publicKeyPem;
  }

  /** The plan that records a camera: its own, else its sub-block's, block's or prison's; else off. */
  plan(cameraId: string): RecordingPlan {
    const camera = this.d.core.catalogue.camera(cameraId);
    return camera ? this.d.projection.effective(camera).plan : defaultRecordingPlan;
  }

  async setPlan(actor: Actor, camera: CameraRef, plan: RecordingPlan): Promise<RecordingPlan> {
    await this.d.core.commit([
      { type: T.planSet, actor, data: { cameraId: camera.id, prisonId: camera.prisonId, plan } },
    ]);
    return plan;
  }

  /** A plan on a prison, block or sub-block (the routes have checked the node exists and who may set it). */
  async setScopePlan(actor: Actor, node: ScopeNode, plan: RecordingPlan): Promise<RecordingPlan> {
    await this.d.core.commit([{ type: T.scopePlanSet, actor, data: { ...node, plan } }]);
    return plan;
  }

  /** Removes a node's own plan; false when it had none (nothing logged). */
  async clearPlan(actor: Actor, node: PlanNode & { prisonId: string }): Promise<boolean> {
    if (this.d.projection.planOf(node) === undefined) return false;
    await this.d.core.commit([{ type: T.planCleared, actor, data: node }]);
    return true;
  }

  /** Every plan set on a node the caller may see. */
  plans(canSee: (prisonId: string) => boolean): PlanEntry[] {
    return this.d.projection.entries().filter((p) => canSee(p.prisonId));
  }

  timeline(cameraId: string, from: number, to: number): RecordingsResponse {
    return {
      spans: this.d.media.timeline(cameraId, from, to),
      alarms: this.d.projection.alarms(cameraId, from, to),
      findings: this.d.projection.findings(cameraId, from, to),
    };
  }

  /** Where a replay going back `backMs` reads and from when; null when nothing is buffered. */
  replayFrom(cameraId: string, variant: string, backMs: number): { source: MediaSource; from: number } | null {
    return this.d.media.replayFrom(cameraId, variant, backMs);
  }

  get replayWindowMs(): number {
    return this.d.media.replay?.windowMs ?? 10 * 60_000;
  }

  /** The playlist a playback token opens, or null when nothing is recorded in its window. */
  playlist(cameraId: string, source: MediaSource, from: number, to: number): Promise<string | null> {
    return source.kind === "recording"
      ? this.d.media.playlist(cameraId, from, to)
      : this.d.media.replayPlaylist(cameraId, source, from);
  }

  mediaFile(cameraId: string, source: MediaSource, name: string): { path: string; bytes: number } | null {
    return this.d.media.mediaFile(cameraId, source, name);
  }

  /**
   * A span the gateway has recorded (any of it) is evidence at once. A span only the camera's own device
   * (GB NVR) holds is evidence `pending` while its footage is fetched into the store, then `ready` or
   * `failed` (evidence.fetched). Nothing anywhere: 404; the device cannot be asked: 409 offline, else 503.
   */
  async createEvidence(actor: Actor, camera: Camera, body: EvidenceCreate): Promise<{ id: string }> {
    const id = newEvidenceId();
    const data = { id, cameraId: camera.id, prisonId: camera.prisonId, from: body.from, to: body.to, note: body.note };
    if (this.d.media.timeline(camera.id, body.from, body.to).length === 0) {
      const device = this.d.device?.() ?? null;
      const spans = device ? await device.spans(camera, body.from, body.to) : null;
      if (spans === null) throw new AppError("not_found", "nothing is recorded between from and to", "from");
      if (!spans.ok)
        throw new AppError(
          spans.reason === "the device is offline" ? "conflict" : "unavailable",
          `nothing is recorded here by the gateway, and the camera's device cannot be asked: ${spans.reason}`,
          "cameraId",
        );
      if (spans.spans.length === 0)
        throw new AppError(
          "not_found",
          "nothing is recorded between from and to (neither here nor on the device)",
          "from",
        );
      await this.d.core.commit([
        { type: T.evidenceCreated, actor, data: { ...data, kind: "manual", alarmId: null, source: "device" } },
      ]);
      this.fetchFromDevice(id, device!);
      return { id };
    }
    await this.d.core.commit([{ type: T.evidenceCreated, actor, data: { ...data, kind: "manual", alarmId: null } }]);
    return { id };
  }

  /** Fetches a device clip's footage (queued behind any other fetch) and logs how it ended. */
  private fetchFromDevice(id: string, device: DeviceRecordings): void {
    const run = async (): Promise<void> => {
      const ev = this.d.projection.evidence(id);
      if (!ev) return;
      const camera = this.d.core.catalogue.camera(ev.cameraId);
      const key = deviceEvidenceKey(id);
      let r: DeviceFetch | null;
      try {
        r = camera ? await device.fetch(camera, ev.from, ev.to, { store: this.d.media.store, key }) : null;
      } catch (err) {
        r = { ok: false, status: "unavailable", reason: err instanceof Error ? err.message : String(err) };
      }
      r ??= { ok: false, status: "unavailable", reason: "the camera is no longer a GB/T 28181 camera" };
      const base = { evidenceId: id, cameraId: ev.cameraId, prisonId: ev.prisonId };
      const data = r.ok
        ? { ...base, ok: true, reason: r.reason, from: r.from, to: r.to, bytes: r.bytes }
        : { ...base, ok: false, reason: r.reason.slice(0, 500) };
      await this.d.core.commit([{ type: T.evidenceFetched, actor: "system:recording", data }]);
    };
    this.fetching = this.fetching
      .then(run)
      .catch((err: unknown) => this.d.core.log.error({ err, evidence: id }, "recording: device clip fetch not logged"));
  }

  evidence(id: string): Evidence | undefined {
    return this.d.projection.evidence(id);
  }

  /** Evidence visible to `canSee`, newest first. */
  listEvidence(
    canSee: (ev: Evidence) => boolean,
    q: { cameraId?: string | undefined; from?: number | undefined; to?: number | undefined; limit: number },
  ): Evidence[] {
    const out: Evidence[] = [];
    for (const ev of this.d.projection.allEvidence()) {
      if (!canSee(ev)) continue;
      if (q.cameraId !== undefined && ev.cameraId !== q.cameraId) continue;
      if (q.from !== undefined && ev.to <= q.from) continue;
      if (q.to !== undefined && ev.from >= q.to) continue;
      out.push(ev);
    }
    return out.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id)).slice(0, q.limit);
  }

  /** Exports an evidence clip as a signed MP4; one export runs at a time. */
  exportEvidence(
    actor: Actor,
    ev: Evidence,
    opts: { watermark: boolean } = { watermark: false },
  ): Promise<ExportResponse> {
    if (ev.state === "pending")
      throw new AppError("conflict", "the footage is still being fetched from the device: export it once ready", "id");
    if (ev.state === "failed")
      throw new AppError("conflict", `the footage could not be fetched from the device: ${ev.reason ?? ""}`, "id");
    const run = async (): Promise<ExportResponse> => {
      const n = (this.d.projection.evidence(ev.id)?.exports.length ?? 0) + 1;
      const r = await exportClip(
        {
          cameraId: ev.cameraId,
          ...(ev.source === "device" ? { key: deviceEvidenceKey(ev.id) } : {}),
          from: ev.from,
          to: ev.to,
          exportedBy: shownActor(actor) ?? "system",
          name: `${ev.id}-${n}`,
          watermark: opts.watermark ? { tzOffsetMin: this.d.tzOffsetMin } : undefined,
        },
        {
          store: this.d.media.store,
          outDir: this.d.exportsDir,
          ffmpeg: this.d.ffmpeg,
          key: this.d.key,
          now: this.d.core.now,
        },
      );
      if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.field);
      const m = r.value.manifest;
      await this.d.core.commit([
        {
          type: T.evidenceExported,
          actor,
          data: {
            evidenceId: ev.id,
            n,
            cameraId: ev.cameraId,
            prisonId: ev.prisonId,
            from: ev.from,
            to: ev.to,
            sha256: m.sha256,
            bytes: m.bytes,
            ...(opts.watermark ? { watermark: true } : {}),
          },
        },
      ]);
      return { mp4: exportUrl(ev.id, n, "mp4"), manifest: exportUrl(ev.id, n, "json") };
    };
    const next = this.exporting.then(run, run);
    this.exporting = next.catch(() => {});
    return next;
  }

  /** The files of an export, or undefined when that export does not exist. */
  exportFiles(ev: Evidence, n: number): { mp4: string; manifest: string } | undefined {
    if (!ev.exports.some((x) => x.n === n)) return undefined;
    const stem = join(this.d.exportsDir, `${ev.id}-${n}`);
    return { mp4: `${stem}.mp4`, manifest: `${stem}.json` };
  }

  /** Each logged event, once it is durable (the core's onEvent: live events only, never the replay). */
  onEvent(e: LoggedEvent): void {
    switch (e.type) {
      case "recording.plan.set":
        this.reconcileCamera(e.data.cameraId);
        return;
      case "recording.plan.cleared":
        if (e.data.scope === "camera") this.reconcileCamera(e.data.id);
        else this.reconcile();
        return;
      case "recording.scopePlan.set":
        this.reconcile();
        return;
      case "camera.added":
      case "camera.updated":
        this.reconcileCamera(e.data.camera.id);
        return;
      case "camera.removed":
        this.reconcileCamera(e.data.id);
        return;
      case "evidence.created":
        this.protect(e.data);
        return;
      case "alarm.raised":
        void this.alarmClip(e).catch((err: unknown) =>
          this.d.core.log.error({ err }, "recording: alarm clip not logged"),
        );
        return;
    }
  }

  /** An alarm with a camera whose footage is being recorded: its clip becomes evidence. */
  private async alarmClip(e: LoggedEvent<"alarm.raised">): Promise<void> {
    const a = e.data;
    if (a.cameraId === null || !this.d.media.recorder.isRecording(a.cameraId)) return;
    const plan = this.plan(a.cameraId);
    const at = a.occurredAt;
    const from = at - (plan.preRollS ?? DEFAULT_PRE_ROLL_S) * 1000;
    const to = at + (plan.postRollS ?? DEFAULT_POST_ROLL_S) * 1000;
    const note = a.title ? a.title : `alarm ${a.type}`;
    const data = {
      id: newEvidenceId(),
      cameraId: a.cameraId,
      prisonId: a.prisonId,
      from,
      to,
      note: note.slice(0, 500),
      kind: "alarm" as const,
      alarmId: a.id,
    };
    await this.d.core.commit([{ type: T.evidenceCreated, actor: "system", data }]);
  }
}

const newEvidenceId = (): string => `ev-${randomBytes(6).toString("hex")}`;
