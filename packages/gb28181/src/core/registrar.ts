// REGISTER (GB/T 28181-2016 §9.1): MD5 digest against the device's own password or the platform default,
// nonces we issued (5 minutes), re-registration and expiry, unregistration (Expires: 0), and a brake on
// guessing: 5 wrong answers within a minute from one device id or one address block both for a minute
// (403 without a challenge). The answer goes to the packet's source; the Date header lets devices set
// their clocks (devices read it as local time). Pure: time and randomness are arguments.
import { challenge, parseAuthorization, verifyDigest } from "../sip/digest";
import { parseNameAddr } from "../sip/headers";
import { header, type SipRequest } from "../sip/message";
import { type IdSource, response } from "./outgoing";
import { type Endpoint, emptyStep, idKind, type Step } from "./types";

export interface RegistrarOptions {
  realm: string;
  /** The password a device must use (its own if set, else the platform default). */
  passwordFor(deviceId: string): string;
  /** Offset of the devices' local time from UTC, minutes (China: 480). */
  utcOffsetMinutes: number;
  maxFailures?: number;
  failureWindowMs?: number;
  nonceTtlMs?: number;
}

const DEFAULT_EXPIRES = 3600;
const MAX_EXPIRES = 86_400;

export class Registrar {
  private readonly nonces = new Map<string, number>();
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly nonceTtlMs: number;

  constructor(
    private readonly opts: RegistrarOptions,
    private readonly id: IdSource,
  ) {
    this.maxFailures = opts.maxFailures ?? 5;
    this.windowMs = opts.failureWindowMs ?? 60_000;
    this.nonceTtlMs = opts.nonceTtlMs ?? 300_000;
  }

  register(req: SipRequest, from: Endpoint, now: number): Step {
    const step = emptyStep();
    const reply = (status: number, reason: string, extra: [string, string][] = []) =>
      step.out.push({ to: from, msg: response(req, from, status, reason, extra, undefined, this.id()) });
    const to = parseNameAddr(header(req, "to") ?? "");
    const deviceId = to?.uri.user ?? "";
    if (!/^[0-9A-Za-z]{1,32}$/.test(deviceId)) {
      reply(400, "Bad Request");
      step.events.push({ type: "rejected", from, reason: "REGISTER without a device id in To" });
      return step;
    }
    if (this.blocked(deviceId, from.address, now)) {
      reply(403, "Forbidden");
      step.events.push({ type: "authFailed", deviceId, address: from.address, blocked: true });
      return step;
    }
    const auth = parseAuthorization(header(req, "authorization") ?? "");
    const issued = auth ? this.nonces.get(auth.nonce) : undefined;
    if (!auth || issued === undefined || issued < now) {
      const nonce = this.id() + this.id();
      this.nonces.set(nonce, now + this.nonceTtlMs);
      const stale = auth && issued !== undefined ? ", stale=true" : "";
      reply(401, "Unauthorized", [["www-authenticate", challenge(this.opts.realm, nonce) + stale]]);
      return step;
    }
    if (auth.username !== deviceId || !verifyDigest(auth, this.opts.passwordFor(deviceId), "REGISTER")) {
      const blocked = this.fail(deviceId, from.address, now);
      reply(403, "Forbidden");
      step.events.push({ type: "authFailed", deviceId, address: from.address, blocked });
      return step;
    }
    const expires = this.expires(req);
    reply(200, "OK", [
      ["date", this.localDate(now)],
      ["expires", String(expires)],
    ]);
    if (expires === 0) step.events.push({ type: "unregistered", deviceId, reason: "the device unregistered" });
    else
      step.events.push({
        type: "registered",
        deviceId,
        remote: from,
        expiresAt: now + expires * 1000,
        kind: idKind(deviceId),
      });
    return step;
  }

  /** Forgets expired nonces and old failures; call from the tick. */
  sweep(now: number): void {
    for (const [n, until] of this.nonces) if (until < now) this.nonces.delete(n);
    for (const [k, times] of this.failures) if (times.every((t) => t < now - this.windowMs)) this.failures.delete(k);
  }

  private expires(req: SipRequest): number {
    const fromHeader = header(req, "expires");
    const contact = parseNameAddr(header(req, "contact") ?? "");
    const raw = fromHeader ?? contact?.params.get("expires") ?? undefined;
    const n = raw !== undefined && raw !== null && /^\d{1,9}$/.test(raw.trim()) ? Number(raw) : DEFAULT_EXPIRES;
    return Math.min(n, MAX_EXPIRES);
  }

  private keys(deviceId: string, address: string): string[] {
    return [`id:${deviceId}`, `ip:${address}`];
  }

  private blocked(deviceId: string, address: string, now: number): boolean {
    return this.keys(deviceId, address).some(
      (k) => (this.failures.get(k) ?? []).filter((t) => t >= now - this.windowMs).length >= this.maxFailures,
    );
  }

  private fail(deviceId: string, address: string, now: number): boolean {
    for (const k of this.keys(deviceId, address)) {
      const recent = (this.failures.get(k) ?? []).filter((t) => t >= now - this.windowMs);
      recent.push(now);
      this.failures.set(k, recent);
    }
    return this.blocked(deviceId, address, now);
  }

  /** GB/T 28181 Date: local time as YYYY-MM-DDTHH:MM:SS.sss. */
  private localDate(now: number): string {
    return new Date(now + this.opts.utcOffsetMinutes * 60_000).toISOString().slice(0, 23);
  }
}
