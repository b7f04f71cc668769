// The lower platform's registration with its upper (GB/T 28181-2016 §9.1, §9.6): REGISTER, answer the
// 401 digest challenge (MD5, qop=auth when offered), re-register at half the granted time, keepalives
// every interval; the link is lost — and registration starts again at once — when the upper answers a
// keepalive 404 (it restarted and forgot us) or 3 keepalives in a row go unanswered; a refused or
// unanswered REGISTER is retried with back-off (1, 2, 4 … 10 s). Pure state: `now` comes in, requests go out.
import { digestResponse } from "../sip/digest";
import type { SipResponse } from "../sip/message";

export type RegState = "idle" | "registering" | "registered" | "stopped";

export interface Challenge {
  realm: string;
  nonce: string;
  qop: string | null;
}

export function parseChallenge(v: string): Challenge | null {
  const get = (k: string) => new RegExp(`${k}\\s*=\\s*"?([^",]+)"?`, "i").exec(v)?.[1];
  const nonce = get("nonce");
  if (!/^\s*Digest\s/i.test(v) || !nonce) return null;
  const qop = get("qop");
  return { realm: get("realm") ?? "", nonce, qop: qop && /\bauth\b/.test(qop) ? "auth" : null };
}

export function authorization(
  c: Challenge,
  username: string,
  password: string,
  uri: string,
  nc: number,
  cnonce: string,
): string {
  const ncText = nc.toString(16).padStart(8, "0");
  const qop = c.qop ? { qop: "auth", nc: ncText, cnonce } : {};
  const response = digestResponse({ username, realm: c.realm, nonce: c.nonce, uri, ...qop }, password, "REGISTER");
  const tail = c.qop ? `, qop=auth, nc=${ncText}, cnonce="${cnonce}"` : "";
  return `Digest username="${username}", realm="${c.realm}", nonce="${c.nonce}", uri="${uri}", response="${response}", algorithm=MD5${tail}`;
}

/** The timing half of registration: when to register, re-register and beat; when the link counts lost. */
export class RegistrationClock {
  state: RegState = "idle";
  registeredAt: number | null = null;
  private expiresAt = 0;
  private reRegisterAt = Number.POSITIVE_INFINITY;
  private nextKeepaliveAt = Number.POSITIVE_INFINITY;
  private retryAt = Number.POSITIVE_INFINITY;
  private backoffMs = 1000;
  missedKeepalives = 0;

  constructor(
    private readonly keepaliveMs: number,
    private readonly maxBackoffMs = 10_000,
  ) {}

  /** A 200 to our REGISTER granting `expiresS`. */
  granted(expiresS: number, now: number): void {
    this.state = "registered";
    this.registeredAt ??= now;
    this.expiresAt = now + expiresS * 1000;
    this.reRegisterAt = now + (expiresS * 1000) / 2;
    this.nextKeepaliveAt = now; // the first keepalive at once, as devices do
    this.retryAt = Number.POSITIVE_INFINITY;
    this.backoffMs = 1000;
    this.missedKeepalives = 0;
  }

  /** The REGISTER failed (refused, unanswered) or the link was lost: try again after the back-off. */
  failed(now: number, immediately = false): void {
    if (this.state === "stopped") return;
    this.state = "registering";
    this.registeredAt = null;
    this.nextKeepaliveAt = Number.POSITIVE_INFINITY;
    this.reRegisterAt = Number.POSITIVE_INFINITY;
    this.retryAt = immediately ? now : now + this.backoffMs;
    if (!immediately) this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
  }

  /** What is due now: a (re-)REGISTER, a keepalive, or nothing. */
  due(now: number): { register: boolean; keepalive: boolean } {
    const register =
      (this.state === "registering" && now >= this.retryAt) ||
      (this.state === "registered" && now >= this.reRegisterAt);
    if (register) {
      this.retryAt = Number.POSITIVE_INFINITY;
      this.reRegisterAt = Number.POSITIVE_INFINITY;
    }
    const keepalive = this.state === "registered" && now >= this.nextKeepaliveAt && now < this.expiresAt;
    if (keepalive) this.nextKeepaliveAt = now + this.keepaliveMs;
    return { register, keepalive };
  }

  /** A keepalive went unanswered; true when the link is to be taken as lost (3 in a row). */
  keepaliveMissed(): boolean {
    this.missedKeepalives++;
    return this.missedKeepalives >= 3;
  }

  keepaliveAnswered(): void {
    this.missedKeepalives = 0;
  }
}

/** The Expires the upper granted (header, else the Contact's parameter), or what we asked. */
export function grantedExpires(res: SipResponse, asked: number): number {
  for (const [n, v] of res.headers) if (n === "expires" && /^\d{1,9}$/.test(v.trim())) return Number(v);
  for (const [n, v] of res.headers) {
    const m = n === "contact" ? /;\s*expires=(\d{1,9})/i.exec(v) : null;
    if (m) return Number(m[1]);
  }
  return asked;
}
