// The GB/T 28181 SIP server: the pure platform core with its sockets (SipTransport), a 250 ms tick and the
// clock at the edge. Domain events go to listeners; commands that wait for the device (INVITE) return
// promises settled by the core's events. Owns the transport and the timer; close() stops both.

import { Platform, type PlatformOptions } from "../core/platform";
import type { PlayRequest } from "../core/sessions";
import type { Endpoint, GbEvent, Step } from "../core/types";
import type { QueryCmd } from "../manscdp/build";
import { warmUp } from "../manscdp/messages";
import type { PtzAction } from "../manscdp/ptz";
import type { Span } from "../manscdp/recordInfo";
import type { PlaybackControl } from "../mansrtsp/control";
import type { Answer } from "../sdp/sdp";
import type { SipMessage } from "../sip/message";
import { SipTransport } from "./transport";

export interface GbServerOptions extends Omit<PlatformOptions, "id" | "host" | "port"> {
  /** Address to bind (GB_SIP_HOST). */
  bindHost: string;
  /** Address devices reach us at, written in Via/Contact (GB_MEDIA_IP or the bind address). */
  publicHost: string;
  port: number;
  now?: () => number;
  id?: () => string;
  onProblem?: (what: string, from: Endpoint) => void;
}

export type ControlResult = { ok: true } | { ok: false; reason: string };

/** A refused INVITE carries the device's final status (null: no final answer, or refused before sending). */
export type InviteResult = { ok: true; answer: Answer } | { ok: false; reason: string; status: number | null };

/** A RecordInfo answer: the spans (complete: every page came), or why there is none. */
export type RecordsResult = { ok: true; spans: Span[]; complete: boolean } | { ok: false; reason: string };

export class GbServer {
  readonly platform: Platform;
  private readonly transport: SipTransport;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(e: GbEvent) => void>();
  private readonly invites = new Map<string, (r: InviteResult) => void>();
  /** Playback controls in flight, by session (one at a time per session: a newer one settles the older). */
  private readonly controls = new Map<string, (r: ControlResult) => void>();
  /** RecordInfo queries in flight, by `<device>/<SN>`. */
  private readonly recordQueries = new Map<string, (r: RecordsResult) => void>();
  private readonly now: () => number;

  constructor(o: GbServerOptions) {
    this.now = o.now ?? Date.now;
    let n = 0;
    const random = Math.random().toString(36).slice(2, 8);
    const id = o.id ?? (() => `${random}${(++n).toString(36)}`);
    this.transport = new SipTransport({
      host: o.bindHost,
      port: o.port,
      onMessage: (m, from) => this.receive(m, from),
      ...(o.onProblem ? { onProblem: o.onProblem } : {}),
    });
    this.platform = new Platform({ ...o, host: o.publicHost, port: o.port, id });
  }

  get port(): number {
    return this.transport.port;
  }

  get stats() {
    return this.transport.stats;
  }

  async start(): Promise<void> {
    warmUp();
    await this.transport.start();
    // The core writes our port into Via/Contact: with port 0 it is only known now.
    this.platform.listeningOn(this.transport.port);
    this.timer = setInterval(() => this.apply(this.platform.tick(this.now())), 250);
  }

  onEvent(listener: (e: GbEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  query(deviceId: string, cmd: QueryCmd): void {
    this.apply(this.platform.query(deviceId, cmd, this.now()));
  }

  subscribeCatalog(deviceId: string, expiresS = 3600): void {
    this.apply(this.platform.subscribeCatalog(deviceId, expiresS, this.now()));
  }

  ptz(deviceId: string, channelId: string, action: PtzAction, speed?: number, preset?: number): void {
    this.apply(this.platform.ptz(deviceId, channelId, action, speed, preset, this.now()));
  }

  keyFrame(deviceId: string, channelId: string): void {
    this.apply(this.platform.keyFrame(deviceId, channelId, this.now()));
  }

  invite(play: PlayRequest): Promise<InviteResult> {
    return new Promise((resolve) => {
      this.invites.set(play.sessionId, resolve);
      this.apply(this.platform.invite(play, this.now()));
    });
  }

  /** A channel's recordings on the device between two unix ms (settled by the answer or its silence). */
  recordInfo(deviceId: string, channelId: string, from: number, to: number): Promise<RecordsResult> {
    return new Promise((resolve) => {
      const { step, sn } = this.platform.recordInfo(deviceId, { channelId, from, to }, this.now());
      if (sn === null) resolve({ ok: false, reason: "the device is offline" });
      else this.recordQueries.set(`${deviceId}/${sn}`, resolve);
      this.apply(step);
    });
  }

  /** Speed, pause or seek of a playback session (INFO, MANSRTSP), settled by the device's answer. */
  control(sessionId: string, c: PlaybackControl): Promise<ControlResult> {
    return new Promise((resolve) => {
      this.controls.get(sessionId)?.({ ok: false, reason: "superseded by a newer control" });
      this.controls.set(sessionId, resolve);
      this.apply(this.platform.control(sessionId, c, this.now()));
    });
  }

  bye(sessionId: string): void {
    this.apply(this.platform.bye(sessionId));
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const [, resolve] of this.invites)
      resolve({ ok: false, reason: "the GB server is shutting down", status: null });
    this.invites.clear();
    for (const [, resolve] of this.recordQueries) resolve({ ok: false, reason: "the GB server is shutting down" });
    this.recordQueries.clear();
    for (const [, resolve] of this.controls) resolve({ ok: false, reason: "the GB server is shutting down" });
    this.controls.clear();
    await this.transport.close();
  }

  private receive(m: SipMessage, from: Endpoint): void {
    this.apply(this.platform.receive(m, from, this.now()));
  }

  private apply(step: Step): void {
    for (const out of step.out) this.transport.send(out);
    for (const e of step.events) {
      if (e.type === "inviteAnswered" || e.type === "inviteFailed") {
        const resolve = this.invites.get(e.sessionId);
        this.invites.delete(e.sessionId);
        resolve?.(
          e.type === "inviteAnswered"
            ? { ok: true, answer: e.answer }
            : { ok: false, reason: e.reason, status: e.status },
        );
      }
      if (e.type === "controlled") {
        const resolve = this.controls.get(e.sessionId);
        this.controls.delete(e.sessionId);
        resolve?.(e.ok ? { ok: true } : { ok: false, reason: e.reason ?? "refused" });
      }
      if (e.type === "records" || (e.type === "requestFailed" && e.sn !== undefined)) {
        const key = `${e.deviceId}/${e.sn}`;
        const resolve = this.recordQueries.get(key);
        this.recordQueries.delete(key);
        if (e.type === "records") resolve?.({ ok: true, spans: e.spans, complete: e.complete });
        else resolve?.({ ok: false, reason: `the device did not answer the RecordInfo query (${e.reason})` });
      }
      for (const l of this.listeners) l(e);
    }
  }
}
